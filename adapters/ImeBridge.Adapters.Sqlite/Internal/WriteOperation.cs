namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>
/// A unit of work for the writer loop. It runs inside the batch's transaction (in its own savepoint);
/// its caller hears the outcome only after the transaction has committed durably.
/// </summary>
internal abstract class WriteOperation(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Does the work on the writer connection. Throwing rolls back this operation only.</summary>
    public abstract void Execute(CachedCommands commands);

    /// <summary>Reports the result; called once the batch is committed.</summary>
    public abstract void Succeed();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}
