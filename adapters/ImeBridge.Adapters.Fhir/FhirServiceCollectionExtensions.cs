using ImeBridge.Adapters.Fhir.Intake;
using ImeBridge.Adapters.Fhir.Notifications;
using ImeBridge.Adapters.Fhir.Partners;
using ImeBridge.Adapters.Fhir.Polling;
using ImeBridge.Adapters.Fhir.Server;
using ImeBridge.Adapters.Fhir.WriteBack;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Fhir;

public static class FhirServiceCollectionExtensions
{
    /// <summary>
    /// Registers the FHIR channel: <see cref="FhirOptions"/> bound from the configuration's <c>partners</c> array
    /// (<c>partners[i].fhir</c>, validated at start-up), the partners' server clients, the intake every FHIR way in
    /// shares, subscription notifications, polling, and the Task write-back handlers; with
    /// <paramref name="runPollingService"/> (<c>imebridge serve</c>) also the background poller. Needs the core intake
    /// services, an <see cref="Core.Ports.IMessageQueue"/>, <see cref="Core.Ports.IDocumentStore"/>,
    /// <see cref="Core.Ports.ICheckpointStore"/> and <see cref="Core.Ports.ILeaseStore"/>. Calling it again only adds the service.
    /// </summary>
    public static IServiceCollection AddImeBridgeFhir(this IServiceCollection services, IConfiguration configuration, bool runPollingService = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!services.Any(d => d.ServiceType == typeof(FhirReferralIntake)))
        {
            services.TryAddSingleton(TimeProvider.System);
            // Assigned, not bound into the list: binding into a list appends, and the partners would be doubled.
            services.AddOptions<FhirOptions>()
                .Configure(o => o.Partners = configuration.GetSection("partners").Get<List<FhirPartnerEntry>>() ?? [])
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FhirOptions>, FhirOptionsValidator>());
            services.AddOptions<FhirServerClientsOptions>().Configure<IOptions<FhirOptions>>((clients, fhir) =>
            {
                foreach (var entry in fhir.Value.Partners.Where(p => !string.IsNullOrWhiteSpace(p.Id) && p.Fhir?.Server is not null))
                {
                    clients.Servers[entry.Id!] = entry.Fhir!.Server!;
                }
            });
            services.AddImeBridgeFhirServerClients();
            services.TryAddScoped<FhirReferralIntake>();
            services.TryAddSingleton<FhirTaskWriteBack>();
            services.TryAddScoped<FhirNotifications>();
            services.TryAddScoped<FhirPoller>();
            services.TryAddSingleton<FhirPollRunner>();
            // Singletons, as the dispatcher that holds them; what they need per message comes from a scope.
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ReferralReceivedToFhirTask>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ReferralStatusChangedToFhirTask>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, FhirTaskUpdateHandler>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, FhirNotificationHandler>());
        }

        if (runPollingService)
        {
            services.AddHostedService<FhirPollingService>();
        }

        return services;
    }
}
