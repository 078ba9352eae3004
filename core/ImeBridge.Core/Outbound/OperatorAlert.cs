namespace ImeBridge.Core.Outbound;

/// <summary>
/// Something an operator must act on: an SMS that did not arrive, an email that bounced, a webhook dead-lettered, a
/// report recipient that cannot be reached, a claimant asking to reschedule. Ids and reasons only, never PHI.
/// </summary>
/// <param name="Key">Stable id: raising the same key again does not add a second alert.</param>
/// <param name="Kind">e.g. <c>sms.undelivered</c>, <c>email.bounced</c>, <c>webhook.deadLettered</c>, <c>report.unreachable</c>, <c>claimant.rescheduleRequested</c>.</param>
/// <param name="ReferralId">The referral it concerns, when one does.</param>
/// <param name="Detail">Ids, statuses and codes that explain it.</param>
public sealed record OperatorAlert(string Key, string Kind, string? ReferralId, string Detail, DateTimeOffset RaisedAt, DateTimeOffset? ResolvedAt = null);

/// <summary>The operators' alert list (<c>GET /api/ops/alerts</c>); raising also writes an Error log line.</summary>
public interface IOperatorAlerts
{
    /// <summary>Adds the alert unless one with its key exists; true when added.</summary>
    Task<bool> RaiseAsync(OperatorAlert alert, CancellationToken cancellationToken);

    Task<IReadOnlyList<OperatorAlert>> ListAsync(bool includeResolved, int max, CancellationToken cancellationToken);

    /// <summary>Marks an alert handled; false when no alert has that key.</summary>
    Task<bool> ResolveAsync(string key, CancellationToken cancellationToken);
}
