using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.SendGrid.EventWebhook;

/// <summary>
/// Applies verified SendGrid events to the <see cref="IOutboundLedger"/>: the status moves, a final outcome emits
/// <see cref="DeliverySettled"/> (message id <c>settled:{id}:{status}</c>, so a repeated event is a no-op), and a
/// bounce, drop or suppression raises an operator alert (keyed per message). SendGrid repeats posts it thinks
/// failed, so every step is idempotent. Logs counts and ids only.
/// </summary>
public sealed class EmailEventProcessor(
    IOutboundLedger ledger,
    IOperatorAlerts alerts,
    IMessageQueue queue,
    TimeProvider time,
    ILogger<EmailEventProcessor> logger)
{
    public async Task<EmailEventTally> ApplyAsync(IReadOnlyList<SendGridEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        int applied = 0, superseded = 0, notOurs = 0, unknown = 0, untracked = 0, deferred = 0;
        foreach (var sendGridEvent in events)
        {
            if (sendGridEvent.MessageId is not { } messageId)
            {
                notOurs++;
                continue;
            }

            if (SendGridEventStatuses.StatusOf(sendGridEvent) is not { } status)
            {
                if (sendGridEvent.Event == "deferred")
                {
                    deferred++;
                    logger.LogInformation("Email {MessageId} was deferred by the receiving server; SendGrid keeps trying", messageId);
                }
                else
                {
                    untracked++;
                }

                continue;
            }

            var record = await ledger.FindAsync(messageId, cancellationToken);
            if (record is null || record.Channel != OutboundChannels.Email)
            {
                unknown++;
                continue;
            }

            if (await ApplyAsync(record, sendGridEvent, status, cancellationToken))
            {
                applied++;
            }
            else
            {
                superseded++;
            }
        }

        var tally = new EmailEventTally(events.Count, applied, superseded, notOurs, unknown, untracked, deferred);
        logger.LogInformation(
            "SendGrid events: {Received} received, {Applied} applied, {Superseded} superseded, {NotOurs} without our message id, {Unknown} not in the ledger, {Untracked} not tracked, {Deferred} deferred",
            tally.Received,
            tally.Applied,
            tally.Superseded,
            tally.NotOurs,
            tally.Unknown,
            tally.Untracked,
            tally.Deferred);
        return tally;
    }

    /// <returns>False when the event came after a later one (SendGrid does not keep order) and changes nothing.</returns>
    private async Task<bool> ApplyAsync(OutboundRecord record, SendGridEvent sendGridEvent, string status, CancellationToken cancellationToken)
    {
        if (status == OutboundStatuses.Sent && OutboundStatuses.IsFinal(record.Status))
        {
            return false;
        }

        var detail = SendGridEventStatuses.DetailOf(sendGridEvent);
        if (record.Status != status)
        {
            await ledger.UpdateAsync(record.MessageId, status, sendGridEvent.SgMessageId, detail, cancellationToken);
            logger.LogInformation("Email {MessageId} is {Status} ({Detail})", record.MessageId, status, detail);
        }

        // Repeated even when the status already stood: an earlier post may have stopped between the update and these.
        if (OutboundStatuses.IsFinal(status))
        {
            var at = sendGridEvent.OccurredAt ?? time.GetUtcNow();
            var settled = new DeliverySettled(record.MessageId, record.ReferralId, OutboundChannels.Email, record.Purpose, status, at, sendGridEvent.SgMessageId, detail);
            await queue.SendAsync(
                [new QueueMessage($"settled:{record.MessageId}:{status}", DeliverySettled.MessageType, record.ReferralId, JsonSerializer.SerializeToUtf8Bytes(settled, MessageJson.Options))],
                cancellationToken);
        }

        if (OutboundStatuses.NeedsFallback(status))
        {
            await alerts.RaiseAsync(
                new OperatorAlert(
                    $"email.{status}:{record.MessageId}",
                    $"email.{status}",
                    record.ReferralId,
                    $"Email {record.MessageId} ({record.Purpose}) {status}: {detail}",
                    time.GetUtcNow()),
                cancellationToken);
        }

        return true;
    }
}

/// <summary>What one post contained: every event is counted once.</summary>
/// <param name="Superseded">Events that arrived after a later one (a <c>processed</c> after the delivery) and changed nothing.</param>
/// <param name="NotOurs">Events of mail without our message id (sent by something else on the same account).</param>
/// <param name="Unknown">Events naming a message id the ledger does not hold as email.</param>
/// <param name="Untracked">Engagement events (open, click …) that change no status.</param>
public sealed record EmailEventTally(int Received, int Applied, int Superseded, int NotOurs, int Unknown, int Untracked, int Deferred);
