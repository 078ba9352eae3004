namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>
/// Decides which messages that failed alone are set aside. A <see cref="OutboxSendFailureKind.Refused"/> one is, at once.
/// A <see cref="OutboxSendFailureKind.Suspect"/> one is only once it failed alone with the same code in
/// <c>failuresToSetAside</c> rounds and the bus accepted other messages in one of them: a bus failing everything never
/// sets anything aside. Kept in this process's memory; another process relaying meanwhile starts its own count, which
/// only delays the decision.
/// </summary>
internal sealed class OutboxSuspects(int failuresToSetAside)
{
    /// <summary>More suspects than this at once is not one bad message: start counting again.</summary>
    private const int MaxTracked = 10_000;

    private readonly Dictionary<long, Strikes> strikes = [];

    /// <summary>Records one isolation round and returns the failed rows to set aside now, and those still being counted.</summary>
    public OutboxVerdict Judge(OutboxIsolationRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var setAside = new List<(OutboxRow Row, OutboxSendFailure Failure)>();
        var counting = new List<(OutboxRow Row, OutboxSendFailure Failure, int Failures)>();
        var busAcceptedOthers = round.Sent.Count > 0;
        lock (strikes)
        {
            foreach (var seq in round.Sent)
            {
                strikes.Remove(seq);
            }

            foreach (var (row, failure) in round.Failed)
            {
                var now = failure.Kind == OutboxSendFailureKind.Refused
                    ? null
                    : strikes.TryGetValue(row.Seq, out var before) && before.ReasonCode == failure.ReasonCode
                        ? before with { Failures = before.Failures + 1, BusAcceptedOthers = before.BusAcceptedOthers || busAcceptedOthers }
                        : new Strikes(failure.ReasonCode, 1, busAcceptedOthers);
                if (now is null || (now.Failures >= failuresToSetAside && now.BusAcceptedOthers))
                {
                    strikes.Remove(row.Seq);
                    setAside.Add((row, failure));
                }
                else
                {
                    strikes[row.Seq] = now;
                    counting.Add((row, failure, now.Failures));
                }
            }

            if (strikes.Count > MaxTracked)
            {
                strikes.Clear();
            }
        }

        return new OutboxVerdict(setAside, counting);
    }

    private sealed record Strikes(string ReasonCode, int Failures, bool BusAcceptedOthers);
}

/// <param name="SetAside">Rows to move to <c>outbox_refused</c> now.</param>
/// <param name="Counting">Suspect rows left in the outbox for now, with how many rounds they failed alone.</param>
internal sealed record OutboxVerdict(
    IReadOnlyList<(OutboxRow Row, OutboxSendFailure Failure)> SetAside,
    IReadOnlyList<(OutboxRow Row, OutboxSendFailure Failure, int Failures)> Counting);
