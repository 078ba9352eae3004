using ImeBridge.Adapters.Webhooks;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting;

/// <summary>
/// Refuses to start with a partner configuration that cannot work: every message names the partner and
/// the key, and never quotes a secret or a token.
/// </summary>
public sealed class ImeBridgeOptionsValidator : IValidateOptions<ImeBridgeOptions>
{
    /// <summary>Shortest accepted webhook secret, in decoded bytes.</summary>
    public const int MinimumSecretBytes = 24;

    private static readonly string[] Kinds = ["insurer", "tpa", "employer", "attorney"];

    public ValidateOptionsResult Validate(string? name, ImeBridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxBodyBytes <= 0)
        {
            failures.Add("maxBodyBytes must be a positive number of bytes.");
        }

        if (options.OperatorToken is { } operatorToken && operatorToken.Trim().Length < MinimumSecretBytes)
        {
            failures.Add($"operatorToken must be at least {MinimumSecretBytes} characters.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.IncludeDemoPartner)
        {
            ids.Add(DemoPartner.Id);
            tokens.Add(DemoPartner.ApiToken, DemoPartner.Id);
        }

        for (var index = 0; index < options.Partners.Count; index++)
        {
            ValidatePartner(options.Partners[index], index, ids, tokens, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidatePartner(
        PartnerOptions partner,
        int index,
        HashSet<string> ids,
        Dictionary<string, string> tokens,
        List<string> failures)
    {
        var label = string.IsNullOrWhiteSpace(partner.Id) ? $"partners[{index}]" : $"partner '{partner.Id}'";
        if (string.IsNullOrWhiteSpace(partner.Id))
        {
            failures.Add($"{label}: id is required.");
        }
        else if (!IsUrlSafe(partner.Id))
        {
            failures.Add($"{label}: id may contain only letters, digits, '-', '_' and '.'.");
        }
        else if (!ids.Add(partner.Id))
        {
            failures.Add($"{label}: id is used by more than one partner.");
        }

        if (partner.Kind is null || !Kinds.Contains(partner.Kind, StringComparer.Ordinal))
        {
            failures.Add($"{label}: kind must be one of {string.Join(", ", Kinds)}.");
        }

        foreach (var problem in ImeBridge.Hosting.Outbound.WebhookSubscriptionRules.Validate(partner.Webhooks, partner.Id))
        {
            failures.Add($"{label}: {problem}");
        }

        if (!IsStrongSecret(partner.WebhookSecret))
        {
            failures.Add($"{label}: webhookSecret must be 'whsec_' followed by the base64 of at least {MinimumSecretBytes} bytes.");
        }

        foreach (var problem in partner.Csv?.Validate() ?? [])
        {
            failures.Add($"{label}: csv: {problem}");
        }

        if (string.IsNullOrWhiteSpace(partner.ApiToken))
        {
            failures.Add($"{label}: apiToken is required.");
        }
        else if (!tokens.TryAdd(partner.ApiToken, partner.Id ?? label))
        {
            failures.Add($"{label}: apiToken is already used by partner '{tokens[partner.ApiToken]}'; each partner needs its own.");
        }
    }

    private static bool IsStrongSecret(string? secret) =>
        secret is not null
        && secret.StartsWith(StandardWebhookSecret.Prefix, StringComparison.Ordinal)
        && StandardWebhookSecret.TryDecode(secret, out var key)
        && key.Length >= MinimumSecretBytes;

    private static bool IsUrlSafe(string id) =>
        id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
