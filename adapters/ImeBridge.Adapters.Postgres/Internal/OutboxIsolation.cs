using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>One outbox row as the relay reads it.</summary>
internal sealed record OutboxRow(long Seq, QueueMessage Message);

/// <summary>What one round of sending one message at a time came to.</summary>
internal sealed class OutboxIsolationRound(Exception batchError)
{
    /// <summary>Why the whole batch failed.</summary>
    public Exception BatchError { get; } = batchError;

    /// <summary>Rows the bus accepted, to delete.</summary>
    public List<long> Sent { get; } = [];

    /// <summary>Rows the bus failed alone, in outbox order, each the first of its session this round.</summary>
    public List<(OutboxRow Row, OutboxSendFailure Failure)> Failed { get; } = [];

    /// <summary>Rows not tried because an earlier row of their session failed: they keep their place.</summary>
    public int Held { get; set; }

    /// <summary>Set when the round ended early: a transient failure, or the bus failed everything it was sent.</summary>
    public Exception? StoppedBy { get; set; }
}

/// <summary>
/// After a batch failed for a reason that may be one message's, sends the batch again one message at a time, in outbox
/// order, to find the refused ones. Once a message of a session fails, that session's later messages are not tried, so
/// none overtakes it. A transient failure ends the round (the rest waits for the next one), and so do a few failures
/// in a row with nothing accepted: then the bus is failing everything, which is no message's fault.
/// </summary>
internal static class OutboxIsolation
{
    /// <summary>Suspect failures with nothing accepted after which the bus, not a message, is taken to be the problem.</summary>
    public const int SuspectsBeforeGivingUp = 3;

    public static async Task<OutboxIsolationRound> SendOneByOneAsync(IMessageQueue bus, IReadOnlyList<OutboxRow> batch, Exception batchError, CancellationToken cancellationToken)
    {
        var round = new OutboxIsolationRound(batchError);
        var failedSessions = new HashSet<string>(StringComparer.Ordinal);
        var suspects = 0;
        foreach (var row in batch)
        {
            if (failedSessions.Contains(row.Message.SessionId))
            {
                round.Held++;
                continue;
            }

            try
            {
                await bus.SendAsync([row.Message], cancellationToken).ConfigureAwait(false);
                round.Sent.Add(row.Seq);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var failure = OutboxSendFailures.Classify(ex);
                if (failure.Kind == OutboxSendFailureKind.Transient)
                {
                    round.StoppedBy = ex;
                    break;
                }

                round.Failed.Add((row, failure));
                failedSessions.Add(row.Message.SessionId);
                if (failure.Kind == OutboxSendFailureKind.Suspect && ++suspects >= SuspectsBeforeGivingUp && round.Sent.Count == 0)
                {
                    round.StoppedBy = ex;
                    break;
                }
            }
        }

        return round;
    }
}
