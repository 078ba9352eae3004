using System.Collections.Concurrent;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.SendGrid.Tests.Support;

/// <summary>An in-memory <see cref="IOutboundLedger"/> with the port's meaning (the SQLite one is tested in its own project).</summary>
internal sealed class InMemoryLedger : IOutboundLedger
{
    private readonly ConcurrentDictionary<string, OutboundRecord> records = new(StringComparer.Ordinal);

    public int Updates { get; private set; }

    public void Add(OutboundRecord record) => records[record.MessageId] = record;

    public OutboundRecord this[string messageId] => records[messageId];

    public Task<OutboundRecord?> ClaimAsync(OutboundRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(records.TryAdd(record.MessageId, record with { Status = OutboundStatuses.Claimed }) ? null : records[record.MessageId]);

    public Task<bool> UpdateAsync(string messageId, string status, string? providerId, string? detail, CancellationToken cancellationToken)
    {
        if (!records.TryGetValue(messageId, out var record))
        {
            return Task.FromResult(false);
        }

        Updates++;
        records[messageId] = record with { Status = status, ProviderId = providerId ?? record.ProviderId, Detail = detail ?? record.Detail };
        return Task.FromResult(true);
    }

    public Task ReleaseAsync(string messageId, CancellationToken cancellationToken)
    {
        records.TryRemove(messageId, out _);
        return Task.CompletedTask;
    }

    public Task<OutboundRecord?> FindAsync(string messageId, CancellationToken cancellationToken) =>
        Task.FromResult(records.GetValueOrDefault(messageId));

    public Task<OutboundRecord?> FindByProviderIdAsync(string channel, string providerId, CancellationToken cancellationToken) =>
        Task.FromResult(records.Values.FirstOrDefault(r => r.Channel == channel && r.ProviderId == providerId));

    public Task<OutboundRecord?> FindLatestToRecipientAsync(string channel, string recipient, CancellationToken cancellationToken) =>
        Task.FromResult(records.Values.Where(r => r.Channel == channel && r.Recipient == recipient).MaxBy(r => r.CreatedAt));

    public Task<IReadOnlyList<OutboundRecord>> ListForReferralAsync(string referralId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboundRecord>>([.. records.Values.Where(r => r.ReferralId == referralId).OrderBy(r => r.CreatedAt)]);
}

/// <summary>Alerts kept in memory, one per key as the port promises.</summary>
internal sealed class RecordingAlerts : IOperatorAlerts
{
    private readonly ConcurrentDictionary<string, OperatorAlert> alerts = new(StringComparer.Ordinal);

    public IReadOnlyList<OperatorAlert> All => [.. alerts.Values.OrderBy(a => a.Key, StringComparer.Ordinal)];

    public Task<bool> RaiseAsync(OperatorAlert alert, CancellationToken cancellationToken) => Task.FromResult(alerts.TryAdd(alert.Key, alert));

    public Task<IReadOnlyList<OperatorAlert>> ListAsync(bool includeResolved, int max, CancellationToken cancellationToken) => Task.FromResult(All);

    public Task<bool> ResolveAsync(string key, CancellationToken cancellationToken) => Task.FromResult(alerts.ContainsKey(key));
}

/// <summary>Records sent messages; a known message id is ignored, as the real queues do.</summary>
internal sealed class RecordingQueue : IMessageQueue
{
    private readonly ConcurrentDictionary<string, QueueMessage> sent = new(StringComparer.Ordinal);

    public IReadOnlyList<QueueMessage> Sent => [.. sent.Values.OrderBy(m => m.MessageId, StringComparer.Ordinal)];

    public Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            sent.TryAdd(message.MessageId, message);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AbandonAsync(ReceivedMessage message, string error, TimeSpan retryAfter, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeadLetteredMessage>> PeekDeadLettersAsync(int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> ReplayDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken) => throw new NotSupportedException();
}
