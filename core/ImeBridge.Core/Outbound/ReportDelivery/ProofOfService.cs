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
    /// <summary>One proof per approved report of the referral, oldest first; one recipient per role and ordinal, whatever its attempts.</summary>
    public static IReadOnlyList<ProofOfService> From(string referralId, string? jurisdiction, IReadOnlyList<ServiceRecord> records, ReportRecipientRules rules)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(rules);
        var rule = rules.For(jurisdiction);
        return [.. records
            .GroupBy(r => r.ReportSha256)
            .Select(g =>
            {
                var recipients = ReportRecipientAttempts.Group(g);
                return new ProofOfService(
                    referralId,
                    g.First().ReportVersion,
                    g.Key,
                    rule.Id,
                    rule.Deadline,
                    rule.Citation,
                    recipients.Where(r => r.Required).All(r => r.Served),
                    [.. recipients.Select(ProofRecipient.From)]);
            })];
    }
}

/// <param name="RecipientKey">Names the recipient in the operator's actions on it: <c>{role}</c> or <c>{role}:{n}</c>.</param>
/// <param name="Status">One of <see cref="ServiceStatuses"/>.</param>
/// <param name="ServedBy">The operator who recorded serving it by hand.</param>
/// <param name="OtherAttempts">The other attempts to serve this recipient (a failed first delivery …), oldest first.</param>
public sealed record ProofRecipient(
    string RecipientKey,
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
    string? Detail,
    string? ServedBy,
    IReadOnlyList<ProofAttempt> OtherAttempts)
{
    public static ProofRecipient From(ReportRecipientAttempts recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var record = recipient.Current;
        return new ProofRecipient(
            recipient.RecipientKey,
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
            ProviderIdOf(record),
            record.Detail,
            record.ServedBy,
            [.. recipient.Others.Select(ProofAttempt.From)]);
    }

    // An outbox file's full path shows its name only; a provider's own id (DocumentReference/dr-1) shows whole.
    internal static string? ProviderIdOf(ServiceRecord record) =>
        record.ProviderId is { } p && Path.IsPathRooted(p) ? Path.GetFileName(p) : record.ProviderId;
}

/// <summary>One attempt to serve a recipient other than the one its proof entry shows (masked like it).</summary>
public sealed record ProofAttempt(
    string Channel,
    string? Address,
    string Status,
    DateTimeOffset? SentAt,
    DateTimeOffset? ReceiptAt,
    string? ReceiptKind,
    string? ProviderId,
    string? Detail)
{
    public static ProofAttempt From(ServiceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ProofAttempt(record.Channel ?? "-", AddressMask.Mask(record.Address), record.Status, record.SentAt, record.ReceiptAt, record.ReceiptKind, ProofRecipient.ProviderIdOf(record), record.Detail);
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
