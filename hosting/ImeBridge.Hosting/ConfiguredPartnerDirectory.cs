using System.Security.Cryptography;
using System.Text;
using ImeBridge.Core.Partners;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting;

/// <summary>The partners of <see cref="ImeBridgeOptions"/> (validated at start-up), plus the demo partner when enabled.</summary>
public sealed class ConfiguredPartnerDirectory : IPartnerDirectory
{
    private readonly Dictionary<string, Partner> byId;
    private readonly (byte[] TokenHash, Partner Partner)[] byTokenHash;

    public ConfiguredPartnerDirectory(IOptions<ImeBridgeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var partners = new List<Partner>();
        if (options.Value.IncludeDemoPartner)
        {
            partners.Add(DemoPartner.Create());
        }

        partners.AddRange(options.Value.Partners.Select(ToPartner));
        byId = partners.ToDictionary(p => p.Id, StringComparer.Ordinal);
        byTokenHash = [.. partners.Select(p => (Hash(p.ApiToken), p))];
    }

    public Partner? Find(string partnerId) => byId.GetValueOrDefault(partnerId);

    /// <summary>Compares SHA-256 hashes in constant time, and looks at every partner, so timing reveals nothing about tokens.</summary>
    public Partner? FindByApiToken(string apiToken)
    {
        if (string.IsNullOrEmpty(apiToken))
        {
            return null;
        }

        var hash = Hash(apiToken);
        Partner? found = null;
        foreach (var (tokenHash, partner) in byTokenHash)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, tokenHash))
            {
                found = partner;
            }
        }

        return found;
    }

    private static Partner ToPartner(PartnerOptions options)
    {
        var id = options.Id ?? throw new OptionsValidationException(nameof(ImeBridgeOptions), typeof(ImeBridgeOptions), ["a partner has no id"]);
        return new Partner(
            id,
            options.Kind ?? "",
            string.IsNullOrWhiteSpace(options.Name) ? id : options.Name,
            options.WebhookSecret ?? "",
            options.ApiToken ?? "");
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
