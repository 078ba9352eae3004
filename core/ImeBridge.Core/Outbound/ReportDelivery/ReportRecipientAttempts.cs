namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// Every attempt to serve one recipient of one report, oldest first: the first delivery, an operator's attempts to
/// serve it again and an operator's record of serving it by hand. The recipient is served when one attempt is; what the
/// proof shows for it is that attempt, else the latest.
/// </summary>
public sealed record ReportRecipientAttempts(string ReportSha256, string Role, int Index, IReadOnlyList<ServiceRecord> Attempts)
{
    public string RecipientKey => ReportDeliveryIds.RecipientKey(Role, Index);

    /// <summary>The delivery the approval planned; its id is the one the other attempts' ids derive from.</summary>
    public ServiceRecord First => Attempts[0];

    public ServiceRecord Current => Attempts.LastOrDefault(a => a.Served) ?? Attempts[^1];

    public bool Served => Attempts.Any(a => a.Served);

    public bool Required => First.Required;

    /// <summary>The attempts other than <see cref="Current"/>, oldest first.</summary>
    public IReadOnlyList<ServiceRecord> Others => [.. Attempts.Where(a => !ReferenceEquals(a, Current))];

    /// <summary>Groups a referral's records (oldest first) by report and recipient, in the order the recipients were planned.</summary>
    public static IReadOnlyList<ReportRecipientAttempts> Group(IEnumerable<ServiceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return [.. records
            .GroupBy(r => (r.ReportSha256, r.Role, r.Index))
            .Select(g => new ReportRecipientAttempts(g.Key.ReportSha256, g.Key.Role, g.Key.Index, [.. g]))];
    }
}
