using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// Moves a referral to Delivered once every required recipient of its approved report has a receipt (by any of its
/// attempts, an operator's record of serving it by hand included). The step id is
/// derived from the report, so checking again (after each receipt, on redelivery) moves it once.
/// </summary>
public sealed class ReportDeliveryCompletion(IReferralStore store, IProofOfServiceStore proofs, ReferralWorkflow workflow, ILogger<ReportDeliveryCompletion> logger)
{
    public const string Actor = "report-delivery";

    public async Task<bool> CheckAsync(string referralId, string reportSha256, CancellationToken cancellationToken)
    {
        var recipients = ReportRecipientAttempts.Group((await proofs.ListAsync(referralId, cancellationToken)).Where(r => r.ReportSha256 == reportSha256))
            .Where(r => r.Required)
            .ToList();
        if (recipients.Count == 0 || recipients.Any(r => !r.Served))
        {
            return false;
        }

        var stored = await store.GetAsync(referralId, cancellationToken);
        if (stored is null || stored.Status != ReferralStatus.ReportApproved || stored.Case.Reports?.Approval?.Sha256 is { } approved && approved != reportSha256)
        {
            return false;
        }

        var reason = $"report served on {recipients.Count} required recipients ({string.Join(", ", recipients.Select(r => r.Role + ":" + r.Current.Channel))})";
        var outcome = await workflow.MoveAsync(stored, ReferralStatus.Delivered, Actor, reason, ReportDeliveryIds.DeliveredStep(referralId, reportSha256), cancellationToken);
        logger.LogInformation("Referral {ReferralId}: every required recipient served; move to Delivered {Result}", referralId, outcome.Result);
        return outcome.Result is TransitionResult.Applied or TransitionResult.AlreadyApplied;
    }
}
