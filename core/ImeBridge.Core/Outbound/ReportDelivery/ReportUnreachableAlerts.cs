namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// The <c>report.unreachable</c> alerts of report recipients, one per failed attempt (keyed by its message id), and
/// their resolution once the recipient is served by any attempt: an operator's list keeps only what still needs them.
/// </summary>
public static class ReportUnreachableAlerts
{
    public const string Kind = "report.unreachable";

    public static string Key(string messageId) => $"{Kind}:{messageId}";

    /// <summary>Resolves the open alerts of every attempt to serve the recipient of <paramref name="served"/>; how many were open.</summary>
    public static async Task<int> ResolveForRecipientAsync(IOperatorAlerts alerts, IProofOfServiceStore proofs, ServiceRecord served, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(proofs);
        ArgumentNullException.ThrowIfNull(served);
        var resolved = 0;
        foreach (var attempt in (await proofs.ListAsync(served.ReferralId, cancellationToken))
                     .Where(r => r.ReportSha256 == served.ReportSha256 && r.Role == served.Role && r.Index == served.Index))
        {
            if (await alerts.ResolveAsync(Key(attempt.MessageId), cancellationToken))
            {
                resolved++;
            }
        }

        return resolved;
    }
}
