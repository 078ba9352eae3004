using ImeBridge.Adapters.Email.Configuration;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Partners;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Email.Intake;

/// <summary>
/// Which partner an email is from, by its sender address (<c>partners[i].email</c>): an exact address in
/// <c>senders</c> wins over the address's domain in <c>domains</c>. Anything else is not a partner.
/// </summary>
public sealed class EmailPartnerResolver
{
    private readonly IPartnerDirectory directory;
    private readonly Dictionary<string, EmailPartnerEntry> bySender = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, EmailPartnerEntry> byDomain = new(StringComparer.OrdinalIgnoreCase);

    public EmailPartnerResolver(IOptions<EmailPartnersOptions> options, IPartnerDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.directory = directory;
        foreach (var entry in options.Value.Partners.Where(p => p.Email is not null && !string.IsNullOrWhiteSpace(p.Id)))
        {
            foreach (var sender in entry.Email!.Senders)
            {
                bySender.TryAdd(sender.Trim(), entry);
            }

            foreach (var domain in entry.Email.Domains)
            {
                byDomain.TryAdd(domain.Trim(), entry);
            }
        }
    }

    /// <summary>The partner the address belongs to, and its CSV layout; null when none (or the partner is not in the directory).</summary>
    public EmailPartnerMatch? Resolve(string? senderAddress)
    {
        if (string.IsNullOrWhiteSpace(senderAddress))
        {
            return null;
        }

        var address = senderAddress.Trim();
        var at = address.LastIndexOf('@');
        if (!bySender.TryGetValue(address, out var entry) && (at < 0 || !byDomain.TryGetValue(address[(at + 1)..], out entry)))
        {
            return null;
        }

        return directory.Find(entry.Id!) is { } partner ? new EmailPartnerMatch(partner, entry.Csv) : null;
    }
}

/// <param name="CsvLayout">How the partner's CSV attachments map to the canonical referral; null for canonical columns.</param>
public sealed record EmailPartnerMatch(Partner Partner, CsvLayout? CsvLayout);
