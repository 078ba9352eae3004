using System.Net;
using Azure.Storage.Blobs;
using ImeBridge.Adapters.AzureBlob;
using ImeBridge.Adapters.Postgres;
using ImeBridge.Adapters.ServiceBus;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Hosting.Engines;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Hosting.Tests.Workflow.Documents;
using ImeBridge.Testing.Servers;
using ImeBridge.Testing.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ImeBridge.Hosting.Tests.Engines;

/// <summary>
/// The same bridge on the scaled-out engines, chosen by configuration only: state in a real PostgreSQL, the workflow
/// on Service Bus (the real client against the in-process AMQP endpoint) fed by the transactional outbox, documents in
/// Blob storage (a real Azurite). A referral goes from a signed webhook through triage, matching and the documents
/// request to an upload of the missing records and the expert's packet.
/// </summary>
public sealed class ScaledOutEnginesTests
{
    [Fact]
    public async Task A_referral_runs_its_workflow_on_postgres_service_bus_and_blob_storage()
    {
        var postgres = await PostgresServer.CreateSharedDatabaseAsync();
        using var serviceBus = InProcessServiceBus.Start();
        serviceBus.CreateQueue(EngineSettings.DefaultQueueName, new ServiceBusQueueSettings { LockDuration = TimeSpan.FromSeconds(30) });
        using var azurite = AzuriteServer.Start();
        var container = "documents-" + Guid.NewGuid().ToString("N")[..8];
        await using var scenario = await DocumentsScenario.StartAsync(settings: new Dictionary<string, string?>
        {
            [EngineSettings.StoreKey] = "postgres",
            [EngineSettings.BusKey] = "servicebus",
            [EngineSettings.PostgresConnectionStringKey] = postgres,
            [EngineSettings.ServiceBusConnectionStringKey] = serviceBus.ConnectionString,
            [EngineSettings.BlobConnectionStringKey] = azurite.ConnectionString,
            [EngineSettings.BlobContainerKey] = container,
            [EngineSettings.LinkKeyKey] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });
        var services = scenario.App.Services;
        Assert.IsType<PostgresReferralStore>(services.GetRequiredService<IReferralStore>());
        Assert.IsType<ServiceBusMessageQueue>(services.GetRequiredService<IMessageQueue>());
        Assert.IsType<AzureBlobDocumentStore>(services.GetRequiredService<IDocumentStore>());

        var referralId = await scenario.PostReferralAsync();
        await scenario.WaitForEventAsync(referralId, "documents.requested");
        var upload = await scenario.UploadAsync(referralId, TestPartner.Acme.ApiToken, ("medicalRecords", DocumentsScenario.Pdf, "application/pdf"));
        // By its timeline, not its status: the workflow may already have booked it (Scheduled) by the time we look.
        var ready = await scenario.WaitForEventAsync(referralId, "referral.documentsReady");

        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        Assert.Equal(ReferralStatus.DocumentsReady, Assert.Single(ready.Timeline, e => e.Event == "referral.documentsReady").Status);
        // Every step was applied once, though each went store → outbox → Service Bus → handler.
        var applied = ready.Timeline.Where(e => e.MessageId is not null).Select(e => e.MessageId).ToList();
        Assert.Equal(applied.Count, applied.Distinct().Count());

        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM referrals WHERE referral_id = @id", referralId));
            // What the last steps emitted (the packet's notices) leaves the outbox once the relay has sent it.
            await Eventually.UntilAsync(
                async () => await ScalarAsync(connection, "SELECT count(*) FROM outbox", null) == 0,
                TimeSpan.FromSeconds(20),
                "the outbox was not relayed to Service Bus");
            Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM processed_messages", null) >= 3, "the inbox records the handled messages");
        }

        var blobs = new BlobContainerClient(azurite.ConnectionString, container);
        var names = new List<string>();
        await foreach (var blob in blobs.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        Assert.Contains(names, n => n.StartsWith("sha256/", StringComparison.Ordinal));
        Assert.Equal(0, serviceBus.CountMessages(EngineSettings.DefaultQueueName).DeadLettered);
    }

    [Theory]
    [InlineData("servicebus", null, "bus servicebus needs store postgres")]
    [InlineData(null, "postgres", "postgres:connectionString is required")]
    [InlineData("queue", null, "bus must be one of embedded, servicebus, not 'queue'")]
    public async Task An_impossible_engine_choice_fails_at_start_naming_the_key(string? bus, string? store, string expected)
    {
        var settings = new Dictionary<string, string?> { [EngineSettings.BusKey] = bus, [EngineSettings.StoreKey] = store };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(settings: settings));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, string? id)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is not null)
        {
            command.Parameters.AddWithValue("id", id);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
