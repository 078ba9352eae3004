using Azure.Core;
using ImeBridge.Adapters.AzureBlob;
using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Postgres;
using ImeBridge.Adapters.ServiceBus;
using ImeBridge.Adapters.Sqlite;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Engines;

/// <summary>Registers the adapters <see cref="EngineSettings"/> names; every combination serves the same core.</summary>
internal static class EngineRegistration
{
    public static void AddState(IServiceCollection services, EngineSettings engines, string sqlitePath, bool runQueuePump, Func<TokenCredential> credential)
    {
        if (engines.Store == StateEngine.Sqlite)
        {
            services.AddImeBridgeSqlite(sqlitePath);
            return;
        }

        services.AddImeBridgePostgres(engines.PostgresConnectionString!, postgres =>
        {
            postgres.Bus = engines.Bus == BusEngine.ServiceBus ? PostgresBus.External : PostgresBus.Postgres;
            postgres.RunOutboxRelay = runQueuePump;
            if (engines.PostgresUseManagedIdentity)
            {
                postgres.ConfigureDataSource = PostgresManagedIdentity.PasswordProvider(credential());
            }
        });
    }

    public static void AddBus(IServiceCollection services, EngineSettings engines, bool runQueuePump, Func<TokenCredential> credential)
    {
        if (engines.Bus == BusEngine.Embedded)
        {
            if (runQueuePump)
            {
                services.AddHostedService<QueuePump>();
            }

            return;
        }

        var serviceBus = engines.ServiceBus!;
        void Configure(ServiceBusQueueOptions options) => options.RunSessionPump = runQueuePump;
        if (serviceBus.ConnectionString is { } connectionString)
        {
            services.AddImeBridgeServiceBus(connectionString, serviceBus.QueueName, Configure);
        }
        else
        {
            services.AddImeBridgeServiceBus(serviceBus.FullyQualifiedNamespace!, credential(), serviceBus.QueueName, Configure);
        }
    }

    public static void AddDocuments(IServiceCollection services, EngineSettings engines, string localFolder, Func<TokenCredential> credential)
    {
        switch (engines.BlobDocuments)
        {
            case null:
                services.AddImeBridgeLocalDocuments(localFolder);
                break;
            case { ConnectionString: { } connectionString } blob:
                services.AddImeBridgeAzureBlobDocuments(connectionString, blob.Container);
                break;
            case { ServiceUri: { } serviceUri } blob:
                services.AddImeBridgeAzureBlobDocuments(serviceUri, credential(), blob.Container);
                break;
        }
    }
}
