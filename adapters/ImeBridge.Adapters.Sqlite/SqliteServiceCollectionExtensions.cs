using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.Consent;
using ImeBridge.Core.Outbound.PartnerEvents;
using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded state and queue in one SQLite file: <see cref="SqliteDatabase"/> (singleton; opening it
    /// migrates the schema; disposing it flushes queued writes), <see cref="IReferralStore"/>,
    /// <see cref="IMessageQueue"/>, <see cref="ILeaseStore"/>, <see cref="ICheckpointStore"/> and <see cref="IExpertDirectory"/> over it, <see cref="QueueOptions"/> as options, and <see cref="TimeProvider.System"/>
    /// unless a <see cref="TimeProvider"/> is registered already.
    /// </summary>
    public static IServiceCollection AddImeBridgeSqlite(this IServiceCollection services, string databasePath, Action<QueueOptions>? configureQueue = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        services.TryAddSingleton(TimeProvider.System);
        var queueOptions = services.AddOptions<QueueOptions>();
        if (configureQueue is not null)
        {
            queueOptions.Configure(configureQueue);
        }

        services.AddSingleton(sp => new SqliteDatabase(databasePath, sp.GetService<ILogger<SqliteDatabase>>(), sp.GetService<TimeProvider>()));
        services.AddSingleton(sp => new SqliteReferralStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SqliteMessageQueue(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<QueueOptions>>()));
        services.AddSingleton(sp => new SqliteLeaseStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SqliteCheckpointStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IReferralStore>(sp => sp.GetRequiredService<SqliteReferralStore>());
        services.AddSingleton<ILeaseStore>(sp => sp.GetRequiredService<SqliteLeaseStore>());
        services.AddSingleton<ICheckpointStore>(sp => sp.GetRequiredService<SqliteCheckpointStore>());
        services.AddSingleton(sp => new SqliteExpertDirectory(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IExpertDirectory>(sp => sp.GetRequiredService<SqliteExpertDirectory>());
        services.AddSingleton<IMessageQueue>(sp => sp.GetRequiredService<SqliteMessageQueue>());
        services.AddSingleton<IOutboundLedger>(sp => new SqliteOutboundLedger(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IWebhookSubscriptions>(sp => new SqliteWebhookSubscriptions(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IWebhookDeliveryLog>(sp => new SqliteWebhookDeliveryLog(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IProofOfServiceStore>(sp => new SqliteProofOfService(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<ISmsConsentLedger>(sp => new SqliteSmsConsentLedger(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IOperatorAlerts>(sp => new SqliteOperatorAlerts(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SqliteOperatorAlerts>>() ?? NullLogger<SqliteOperatorAlerts>.Instance));
        return services;
    }
}
