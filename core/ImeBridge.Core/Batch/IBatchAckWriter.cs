namespace ImeBridge.Core.Batch;

/// <summary>Receives each record's outcome in row order, then the summary.</summary>
public interface IBatchAckWriter : IAsyncDisposable
{
    ValueTask WriteAsync(BatchRowOutcome outcome, CancellationToken cancellationToken);

    ValueTask CompleteAsync(BatchSummary summary, CancellationToken cancellationToken);
}
