using System.Collections.Concurrent;
using ImeBridge.Core.Outbound;

namespace ImeBridge.Adapters.PartnerWebhooks.Tests.Support;

internal sealed class RecordingAlerts : IOperatorAlerts
{
    public ConcurrentQueue<OperatorAlert> Raised { get; } = new();

    public Task<bool> RaiseAsync(OperatorAlert alert, CancellationToken cancellationToken)
    {
        if (Raised.Any(a => a.Key == alert.Key))
        {
            return Task.FromResult(false);
        }

        Raised.Enqueue(alert);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<OperatorAlert>> ListAsync(bool includeResolved, int max, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<OperatorAlert>>([.. Raised]);

    public Task<bool> ResolveAsync(string key, CancellationToken cancellationToken) => Task.FromResult(false);
}
