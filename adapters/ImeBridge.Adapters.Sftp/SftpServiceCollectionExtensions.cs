using ImeBridge.Core.Batch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Sftp;

public static class SftpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SFTP batch channel: <see cref="SftpOptions"/> with its partners bound from the configuration's
    /// <c>partners</c> array (validated at start-up), <see cref="SftpBatchPoller"/> and <see cref="SftpPollRunner"/>
    /// as singletons, and, unless <paramref name="runPollingService"/> is false (the Azure Functions app, which polls
    /// from a timer), the <see cref="SftpPollingService"/>. Needs the core intake services, an
    /// <see cref="ImeBridge.Core.Ports.ILeaseStore"/> and an <see cref="ImeBridge.Core.Ports.IDocumentStore"/>.
    /// Calling it again (after <c>AddImeBridge()</c>, which calls it) only adds <paramref name="configure"/> and the service.
    /// </summary>
    public static IServiceCollection AddImeBridgeSftp(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<SftpOptions>? configure = null,
        bool runPollingService = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!services.Any(d => d.ServiceType == typeof(SftpPollRunner)))
        {
            services.TryAddSingleton(TimeProvider.System);
            // Assigned, not bound into the list: binding into a list appends, and the partners would be doubled.
            services.AddOptions<SftpOptions>()
                .Configure(o => o.Partners = configuration.GetSection("partners").Get<List<SftpPartnerEntry>>() ?? [])
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SftpOptions>, SftpOptionsValidator>());
            services.TryAddScoped<BatchIntake>();
            services.TryAddSingleton<SftpBatchPoller>();
            services.TryAddSingleton<SftpPollRunner>();
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (runPollingService)
        {
            services.AddHostedService<SftpPollingService>();
        }

        return services;
    }

    /// <summary>As <see cref="AddImeBridgeSftp(IServiceCollection, IConfiguration, Action{SftpOptions}?, bool)"/> over the builder's configuration.</summary>
    public static IHostApplicationBuilder AddImeBridgeSftp(
        this IHostApplicationBuilder builder,
        Action<SftpOptions>? configure = null,
        bool runPollingService = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddImeBridgeSftp(builder.Configuration, configure, runPollingService);
        return builder;
    }
}
