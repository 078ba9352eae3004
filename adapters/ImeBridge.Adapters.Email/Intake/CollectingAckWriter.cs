using ImeBridge.Core.Batch;

namespace ImeBridge.Adapters.Email.Intake;

/// <summary>Keeps a batch's row outcomes for the email answer (an SFTP batch gets an ack file; an email batch gets a reply).</summary>
internal sealed class CollectingAckWriter : IBatchAckWriter
{
    public List<BatchRowOutcome> Rows { get; } = [];

    public ValueTask WriteAsync(BatchRowOutcome outcome, CancellationToken cancellationToken)
    {
        Rows.Add(outcome);
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(BatchSummary summary, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
