using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.Consent;
using ImeBridge.Core.Outbound.PartnerEvents;
using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImeBridge.Adapters.Postgres;

public static partial class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ports other than the referral store, the queue and the inbox over the same
    /// <see cref="PostgresDatabase"/>, as <c>AddImeBridgeSqlite</c> does over its file: <see cref="ILeaseStore"/>,
    /// <see cref="ICheckpointStore"/> and <see cref="IExpertDirectory"/> (each also as its concrete type),
    /// <see cref="IOutboundLedger"/>, <see cref="IOperatorAlerts"/>, <see cref="ISmsConsentLedger"/>,
    /// <see cref="IWebhookSubscriptions"/>, <see cref="IWebhookDeliveryLog"/> and <see cref="IProofOfServiceStore"/>.
    /// Called by <see cref="AddImeBridgePostgres"/>.
    /// </summary>
    static partial void AddPorts(IServiceCollection services, PostgresOptions options)
    {
        _ = options;
        services.AddSingleton(sp => new PostgresLeaseStore(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ILeaseStore>(sp => sp.GetRequiredService<PostgresLeaseStore>());
        services.AddSingleton(sp => new PostgresCheckpointStore(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICheckpointStore>(sp => sp.GetRequiredService<PostgresCheckpointStore>());
        services.AddSingleton(sp => new PostgresExpertDirectory(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IExpertDirectory>(sp => sp.GetRequiredService<PostgresExpertDirectory>());
        services.AddSingleton<IOutboundLedger>(sp => new PostgresOutboundLedger(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IWebhookSubscriptions>(sp => new PostgresWebhookSubscriptions(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IWebhookDeliveryLog>(sp => new PostgresWebhookDeliveryLog(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IProofOfServiceStore>(sp => new PostgresProofOfService(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<ISmsConsentLedger>(sp => new PostgresSmsConsentLedger(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IOperatorAlerts>(sp => new PostgresOperatorAlerts(
            sp.GetRequiredService<PostgresDatabase>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<PostgresOperatorAlerts>>() ?? NullLogger<PostgresOperatorAlerts>.Instance));
    }
}
