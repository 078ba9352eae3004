using ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Ports;
using ImeBridge.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImeBridge.Adapters.Postgres.Tests.Outbox;

/// <summary>What <c>AddImeBridgePostgres</c> adds for refused outbox messages and the inbox purge.</summary>
public sealed class OutboxRegistrationTests
{
    [Fact]
    public async Task With_an_external_bus_refusals_are_registered_and_alert_through_the_registered_operator_alerts()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddImeBridgePostgres(await PostgresServer.CreateSharedDatabaseAsync(), options => options.Bus = PostgresBus.External);
        var queue = new JudgingQueue(new CrashAfterSendQueue(new RefusingQueue("unused")))
        {
            Fail = _ => new MessageRefusedException("MessageSizeExceeded", "too large"),
        };
        services.AddSingleton<IMessageQueue>(queue);
        await using var provider = services.BuildServiceProvider();
        var database = provider.GetRequiredService<PostgresDatabase>();
        await OutboxRows.AddAsync(database, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(), "ref_a/1");

        Assert.Equal(0, await provider.GetRequiredService<OutboxRelay>().RelayOnceAsync(CancellationToken.None));

        var alert = Assert.Single(await provider.GetRequiredService<IOperatorAlerts>().ListAsync(false, 10, CancellationToken.None));
        Assert.Equal(OutboxRefusals.AlertKind, alert.Kind);
        var refused = Assert.Single(await provider.GetRequiredService<OutboxRefusals>().ListAsync(false, 10, CancellationToken.None));
        Assert.Equal("ref_a/1", refused.MessageId);
        Assert.Single(provider.GetServices<IHostedService>().OfType<InboxPurge>());
    }

    [Fact]
    public async Task An_operator_command_that_runs_no_relay_can_still_replay_and_postgres_as_the_bus_needs_no_refusals()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddImeBridgePostgres(await PostgresServer.CreateSharedDatabaseAsync(), options => (options.Bus, options.RunOutboxRelay) = (PostgresBus.External, false));
        await using (var provider = services.BuildServiceProvider())
        {
            Assert.NotNull(provider.GetService<OutboxRefusals>());
            Assert.Null(provider.GetService<OutboxRelay>());
        }

        var embedded = new ServiceCollection().AddLogging();
        embedded.AddImeBridgePostgres(await PostgresServer.CreateSharedDatabaseAsync(), options => options.UseInbox = false);
        await using var postgresBus = embedded.BuildServiceProvider();
        Assert.Null(postgresBus.GetService<OutboxRefusals>());
        Assert.Empty(postgresBus.GetServices<IHostedService>().OfType<InboxPurge>());
    }
}
