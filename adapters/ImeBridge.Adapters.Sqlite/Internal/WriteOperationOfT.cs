namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>A write that takes <typeparamref name="TState"/> and produces <typeparamref name="TResult"/>.</summary>
internal sealed class WriteOperation<TState, TResult>(
    TState state,
    Func<CachedCommands, TState, TResult> work,
    CancellationToken cancellationToken) : WriteOperation(cancellationToken)
{
    private readonly TaskCompletionSource<TResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? result;

    public Task<TResult> Task => completion.Task;

    public override void Execute(CachedCommands commands) => result = work(commands, state);

    public override void Succeed() => completion.TrySetResult(result!);

    public override void Fail(Exception exception) => completion.TrySetException(exception);

    public override void Cancel() => completion.TrySetCanceled(CancellationToken);
}
