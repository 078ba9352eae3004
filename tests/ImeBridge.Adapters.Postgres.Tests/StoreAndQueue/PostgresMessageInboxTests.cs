using System.Text;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;

public sealed class PostgresMessageInboxTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly PostgresCoreFixture fixture = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_message_is_recorded_by_id_and_type_and_recording_it_again_is_harmless()
    {
        var inbox = new PostgresMessageInbox(await fixture.OpenAsync(), time);

        Assert.False(await inbox.HasProcessedAsync("m1", "TypeA", CancellationToken.None));
        await inbox.RecordProcessedAsync("m1", "TypeA", CancellationToken.None);
        await inbox.RecordProcessedAsync("m1", "TypeA", CancellationToken.None);

        Assert.True(await inbox.HasProcessedAsync("m1", "TypeA", CancellationToken.None));
        Assert.False(await inbox.HasProcessedAsync("m1", "TypeB", CancellationToken.None));
        var otherProcess = new PostgresMessageInbox(await fixture.OpenAsync(), time);
        Assert.True(await otherProcess.HasProcessedAsync("m1", "TypeA", CancellationToken.None));
    }

    [Fact]
    public async Task Purging_forgets_only_messages_handled_before_the_cut_off()
    {
        var inbox = new PostgresMessageInbox(await fixture.OpenAsync(), time);
        await inbox.RecordProcessedAsync("old", "TypeA", CancellationToken.None);
        time.Advance(TimeSpan.FromDays(8));
        await inbox.RecordProcessedAsync("new", "TypeA", CancellationToken.None);

        Assert.Equal(1, await inbox.PurgeAsync(time.GetUtcNow().AddDays(-7), CancellationToken.None));

        Assert.False(await inbox.HasProcessedAsync("old", "TypeA", CancellationToken.None));
        Assert.True(await inbox.HasProcessedAsync("new", "TypeA", CancellationToken.None));
    }

    [Fact]
    public async Task The_dispatcher_runs_a_handler_once_even_when_the_message_comes_again_after_it_was_handled()
    {
        var database = await fixture.OpenAsync();
        var queue = new PostgresMessageQueue(database, time, new QueueOptions { LockDuration = TimeSpan.FromSeconds(30) });
        var handler = new CountingHandler();
        var dispatcher = new MessageDispatcher([handler], queue, NullLogger<MessageDispatcher>.Instance, new PostgresMessageInbox(database, time));
        await queue.SendAsync([new QueueMessage("once", CountingHandler.Type, "s1", Encoding.UTF8.GetBytes("{}"))], CancellationToken.None);

        // The handler succeeds but the completion is lost (the lock expired meanwhile): the message comes again.
        var first = Assert.Single(await queue.ReceiveAsync(1, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<MessageLockLostException>(() => dispatcher.DispatchAsync(first, CancellationToken.None));
        var second = Assert.Single(await queue.ReceiveAsync(1, CancellationToken.None));
        await dispatcher.DispatchAsync(second, CancellationToken.None);

        Assert.Equal(1, handler.Calls);
        Assert.Equal(2, second.DeliveryCount);
        Assert.Empty(await queue.ReceiveAsync(1, CancellationToken.None));
        Assert.Empty(await queue.PeekDeadLettersAsync(10, CancellationToken.None));
    }

    private sealed class CountingHandler : IMessageHandler
    {
        public const string Type = "Counted";

        public int Calls { get; private set; }

        public string MessageType => Type;

        public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => fixture.DisposeAsync();
}
