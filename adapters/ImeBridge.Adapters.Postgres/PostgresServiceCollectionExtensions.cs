using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// One registration for the PostgreSQL engine, so choosing it is configuration only. Split in two files: this one
/// registers the database, store, queue or outbox relay, and inbox; <c>PostgresServiceCollectionExtensions.Ports.cs</c>
/// the remaining ports.
/// </summary>
public static partial class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Registers state in PostgreSQL: <see cref="PostgresDatabase"/> (singleton; opening it migrates the schema, once
    /// across processes), <see cref="IReferralStore"/>, the <see cref="IMessageInbox"/> (unless turned off) with its
    /// <see cref="InboxPurge"/> hosted service, and either
    /// the PostgreSQL <see cref="IMessageQueue"/> (bus = <see cref="PostgresBus.Postgres"/>) or the
    /// <see cref="OutboxRelay"/> hosted service that feeds the external <see cref="IMessageQueue"/> registered by the
    /// bus's own adapter (bus = <see cref="PostgresBus.External"/>), with <see cref="OutboxRefusals"/> for the messages
    /// that bus refused. <see cref="PostgresOptions"/> and
    /// <see cref="QueueOptions"/> are options; <see cref="TimeProvider.System"/> is added unless a clock is registered.
    /// </summary>
    public static IServiceCollection AddImeBridgePostgres(this IServiceCollection services, string connectionString, Action<PostgresOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new PostgresOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<QueueOptions>();
        services.AddSingleton(options);

        services.AddSingleton(sp =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            options.ConfigureDataSource?.Invoke(builder);
            return PostgresDatabase.Open(builder.Build(), sp.GetService<ILogger<PostgresDatabase>>(), sp.GetService<TimeProvider>());
        });
        services.AddSingleton(sp => new PostgresReferralStore(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>(), options.Bus));
        services.AddSingleton<IReferralStore>(sp => sp.GetRequiredService<PostgresReferralStore>());
        if (options.UseInbox)
        {
            services.AddSingleton(sp => new PostgresMessageInbox(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IMessageInbox>(sp => sp.GetRequiredService<PostgresMessageInbox>());
            services.AddSingleton<IHostedService>(sp => new InboxPurge(
                sp.GetRequiredService<PostgresDatabase>(),
                options,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<InboxPurge>>() ?? NullLogger<InboxPurge>.Instance));
        }

        if (options.Bus == PostgresBus.Postgres)
        {
            services.AddSingleton(sp => new PostgresMessageQueue(
                sp.GetRequiredService<PostgresDatabase>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IOptions<QueueOptions>>()));
            services.AddSingleton<IMessageQueue>(sp => sp.GetRequiredService<PostgresMessageQueue>());
        }
        else
        {
            services.AddSingleton(sp => new OutboxRefusals(
                sp.GetRequiredService<PostgresDatabase>(),
                sp.GetRequiredService<Core.Outbound.IOperatorAlerts>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<OutboxRefusals>>() ?? NullLogger<OutboxRefusals>.Instance));
        }

        if (options.Bus == PostgresBus.External && options.RunOutboxRelay)
        {
            services.AddSingleton(sp => new OutboxRelay(
                sp.GetRequiredService<PostgresDatabase>(),
                sp.GetRequiredService<IMessageQueue>(),
                sp.GetRequiredService<Core.Outbound.IOperatorAlerts>(),
                options,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<OutboxRelay>>() ?? NullLogger<OutboxRelay>.Instance));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<OutboxRelay>());
        }

        AddPorts(services, options);
        return services;
    }

    /// <summary>The other ports' registrations (leases, checkpoints, experts, outbound, consent, webhooks, proof of service), in <c>PostgresServiceCollectionExtensions.Ports.cs</c>.</summary>
    static partial void AddPorts(IServiceCollection services, PostgresOptions options);
}
