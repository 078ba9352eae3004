namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// The proof of service of one approved report: which version (and its SHA-256), under which rule, and for each
/// recipient who they are, how and when it was sent and what came back. Addresses are masked
/// (<c>j***@example.com</c>): the proof shows who was served without becoming a list of contact details.
/// </summary>
public sealed record ProofOfService(
    string ReferralId,
    int ReportVersion,
    string ReportSha256,
    string RuleId,
    string Deadline,
    string Citation,
    bool Complete,
    IReadOnlyList<ProofRecipient> Recipients)
{
    /// <summary>One proof per approved report of the referral, oldest first.</summary>
    public static IReadOnlyList<ProofOfService> From(string referralId, string? jurisdiction, IReadOnlyList<ServiceRecord> records, ReportRecipientRules rules)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(rules);
        var rule = rules.For(jurisdiction);
        return [.. records
            .GroupBy(r => r.ReportSha256)
            .Select(g => new ProofOfService(
                referralId,
                g.First().ReportVersion,
                g.Key,
                rule.Id,
                rule.Deadline,
                rule.Citation,
                g.Where(r => r.Required).All(r => r.Served),
                [.. g.Select(ProofRecipient.From)]))];
    }
}

/// <param name="Status">One of <see cref="ServiceStatuses"/>.</param>
public sealed record ProofRecipient(
    string Role,
    string? Name,
    string? Organization,
    string? Channel,
    string? Address,
    bool Required,
    string Status,
    DateTimeOffset? SentAt,
    DateTimeOffset? ReceiptAt,
    string? ReceiptKind,
    DateTimeOffset? DownloadedAt,
    string? ProviderId,
    string? Detail)
{
    public static ProofRecipient From(ServiceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ProofRecipient(
            record.Role,
            record.Name,
            record.Organization,
            record.Channel,
            AddressMask.Mask(record.Address),
            record.Required,
            record.Status,
            record.SentAt,
            record.ReceiptAt,
            record.ReceiptKind,
            record.DownloadedAt,
            record.ProviderId is { } p && (p.Contains('/', StringComparison.Ordinal) || p.Contains('\\', StringComparison.Ordinal)) ? Path.GetFileName(p) : record.ProviderId,
            record.Detail);
    }
}

/// <summary>Masks an address for display: <c>j***@example.com</c>; partner ids (<c>webhook:acme</c>) stay as they are.</summary>
public static class AddressMask
{
    public static string? Mask(string? address)
    {
        if (address is null)
        {
            return null;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? address : address[0] + "***" + address[at..];
    }
}
