using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;

public sealed class PostgresCoreRegistrationTests
{
    [Fact]
    public async Task With_postgres_as_the_bus_the_store_queue_and_inbox_share_one_database_and_no_relay_runs()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddImeBridgePostgres(
            await PostgresServer.CreateSharedDatabaseAsync(),
            options => options.ConfigureDataSource = builder => builder.ConnectionStringBuilder.ApplicationName = "imebridge-registration");
        await using var provider = services.BuildServiceProvider();

        var database = provider.GetRequiredService<PostgresDatabase>();
        Assert.IsType<PostgresReferralStore>(provider.GetRequiredService<IReferralStore>());
        Assert.IsType<PostgresMessageQueue>(provider.GetRequiredService<IMessageQueue>());
        Assert.IsType<PostgresMessageInbox>(provider.GetRequiredService<IMessageInbox>());
        Assert.DoesNotContain(provider.GetServices<IHostedService>(), s => s is OutboxRelay);
        Assert.True(database.SchemaVersion > 0);
        await using var command = database.DataSource.CreateCommand("SELECT current_setting('application_name');");
        Assert.Equal("imebridge-registration", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task With_an_external_bus_the_store_writes_the_outbox_and_the_relay_feeds_that_bus()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddImeBridgePostgres(await PostgresServer.CreateSharedDatabaseAsync(), options => options.Bus = PostgresBus.External);
        var external = new CrashAfterSendQueue(new NoQueue());
        services.AddSingleton<IMessageQueue>(external);
        await using var provider = services.BuildServiceProvider();

        var relay = Assert.Single(provider.GetServices<IHostedService>().OfType<OutboxRelay>());
        Assert.Same(relay, provider.GetRequiredService<OutboxRelay>());
        Assert.Same(external, provider.GetRequiredService<IMessageQueue>());
        Assert.Null(provider.GetService<PostgresMessageQueue>());
    }

    /// <summary>Accepts sends and drops them.</summary>
    private sealed class NoQueue : IMessageQueue
    {
        public Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ReceivedMessage>>([]);

        public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AbandonAsync(ReceivedMessage message, string error, TimeSpan retryAfter, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<DeadLetteredMessage>> PeekDeadLettersAsync(int maxMessages, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<DeadLetteredMessage>>([]);

        public Task<bool> ReplayDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
