using System.Globalization;
using System.Xml;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Workflow.Stuck;

/// <summary>
/// Finds work that stopped moving and tells operators: referrals that stayed in an open state longer than its limit
/// (<see cref="StuckLimits"/>) and messages waiting in the dead-letter queue. One <see cref="OperatorAlert"/> per
/// referral and stay in a state, and one per dead letter, keyed so that every sweep, in any process, raises it once.
/// Run by a timer (the Functions app) or by <see cref="StuckWorkSweepService"/> (<c>imebridge serve</c>).
/// </summary>
public sealed class StuckWorkSweep(
    IReferralStore store,
    IMessageQueue queue,
    IOperatorAlerts alerts,
    TimeProvider time,
    ILogger<StuckWorkSweep> logger)
{
    public const string StuckKind = "referral.stuck";
    public const string DeadLetterKind = "queue.deadLettered";

    /// <summary>At most this many stuck referrals per state, and dead letters, are looked at in one sweep.</summary>
    public const int MaxPerSweep = 1000;

    /// <summary>
    /// The key of a referral's stay in a state: the instant it last moved is part of it, so a referral that moves on
    /// and later stalls in the same state again is reported again, while every sweep of one stall finds the same key.
    /// </summary>
    public static string StuckKey(string referralId, string status, DateTimeOffset since) =>
        string.Create(CultureInfo.InvariantCulture, $"{StuckKind}:{referralId}:{status}:{since.ToUnixTimeMilliseconds()}");

    /// <summary>A dead letter's key: a message replayed and dead-lettered again is a new alert.</summary>
    public static string DeadLetterKey(string messageId, DateTimeOffset deadLetteredAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{DeadLetterKind}:{messageId}:{deadLetteredAt.ToUnixTimeMilliseconds()}");

    public async Task<StuckWorkReport> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        int stuck = 0, raised = 0;
        foreach (var limit in StuckLimits.Swept)
        {
            var query = new ReferralQuery([limit.Status], UpdatedBefore: now - limit.Limit!.Value, Max: MaxPerSweep);
            foreach (var referral in await store.ListReferralsAsync(query, cancellationToken))
            {
                stuck++;
                var detail = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{referral.Status} since {referral.UpdatedAt:O} (partner {referral.PartnerId}), longer than {XmlConvert.ToString(limit.Limit.Value)}: {limit.Why}");
                if (await alerts.RaiseAsync(new OperatorAlert(StuckKey(referral.ReferralId, referral.Status, referral.UpdatedAt), StuckKind, referral.ReferralId, detail, now), cancellationToken))
                {
                    raised++;
                }
            }
        }

        var deadLetters = await queue.PeekDeadLettersAsync(MaxPerSweep, cancellationToken);
        foreach (var dead in deadLetters)
        {
            // The description is an exception's text: left out, the operator reads it at /api/ops/dead-letters.
            var detail = string.Create(
                CultureInfo.InvariantCulture,
                $"{dead.Type} {dead.MessageId} (session {dead.SessionId}, sequence {dead.SequenceNumber}) dead-lettered at {dead.DeadLetteredAt:O} after {dead.DeliveryCount} deliveries: {dead.Reason}; replay with POST /api/ops/dead-letters/{dead.SequenceNumber}/replay");
            var referralId = dead.SessionId.StartsWith("ref_", StringComparison.Ordinal) ? dead.SessionId : null;
            if (await alerts.RaiseAsync(new OperatorAlert(DeadLetterKey(dead.MessageId, dead.DeadLetteredAt), DeadLetterKind, referralId, detail, now), cancellationToken))
            {
                raised++;
            }
        }

        var report = new StuckWorkReport(stuck, deadLetters.Count, raised);
        logger.Log(
            raised > 0 ? LogLevel.Warning : LogLevel.Debug,
            "Stuck-work sweep: {StuckReferrals} stuck referrals, {DeadLetters} dead letters, {AlertsRaised} new alerts",
            report.StuckReferrals,
            report.DeadLetters,
            report.AlertsRaised);
        return report;
    }
}

/// <param name="StuckReferrals">Referrals found past their state's limit (alerted now or before).</param>
/// <param name="DeadLetters">Messages waiting in the dead-letter queue.</param>
/// <param name="AlertsRaised">Alerts this sweep added; zero when an earlier sweep already raised them all.</param>
public sealed record StuckWorkReport(int StuckReferrals, int DeadLetters, int AlertsRaised);
