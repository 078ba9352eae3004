using System.Collections.Concurrent;
using System.Text;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;

/// <summary>
/// Two queue instances over the same database, each with its own connection pool, as two processes would have:
/// a session is never in the hands of both at once, and every message is delivered once, in order.
/// </summary>
public sealed class PostgresQueueAcrossProcessesTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly PostgresCoreFixture fixture = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Two_instances_never_hold_the_same_session_at_once_and_deliver_each_message_once_in_order()
    {
        const int sessions = 6;
        const int perSession = 15;
        var options = new QueueOptions { LockDuration = TimeSpan.FromMinutes(5), MaxDeliveryCount = 3 };
        var first = new PostgresMessageQueue(await fixture.OpenAsync(), time, options);
        var second = new PostgresMessageQueue(await fixture.OpenAsync(), time, options);
        var messages = Enumerable.Range(0, perSession)
            .SelectMany(i => Enumerable.Range(0, sessions).Select(s => new QueueMessage($"s{s}-m{i:D2}", "TestEvent", $"s{s}", Encoding.UTF8.GetBytes("{}"))))
            .ToList();
        await first.SendAsync(messages, CancellationToken.None);

        var inHand = new ConcurrentDictionary<string, string>();
        var delivered = new ConcurrentQueue<(string Session, string MessageId)>();
        var overlaps = 0;
        var consumers = new[] { first, second, first, second }.Select(queue => Task.Run(async () =>
        {
            while (delivered.Count < messages.Count)
            {
                var batch = await queue.ReceiveAsync(4, CancellationToken.None);
                if (batch.Count == 0)
                {
                    await Task.Delay(5);
                    continue;
                }

                await Task.WhenAll(batch.Select(async message =>
                {
                    if (!inHand.TryAdd(message.SessionId, message.MessageId))
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    delivered.Enqueue((message.SessionId, message.MessageId));
                    await Task.Delay(2);
                    inHand.TryRemove(message.SessionId, out _);
                    await queue.CompleteAsync(message, CancellationToken.None);
                }));
            }
        })).ToArray();
        await Task.WhenAll(consumers).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(0, overlaps);
        Assert.Equal(messages.Count, delivered.Count);
        foreach (var session in delivered.GroupBy(d => d.Session))
        {
            var ids = session.Select(d => d.MessageId).ToList();
            Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
            Assert.Equal(perSession, ids.Distinct().Count());
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => fixture.DisposeAsync();
}
