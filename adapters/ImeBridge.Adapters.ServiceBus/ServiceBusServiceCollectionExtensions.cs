using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.ServiceBus;

public static class ServiceBusServiceCollectionExtensions
{
    /// <summary>
    /// Registers the workflow queue on Azure Service Bus with a connection string (local endpoint, or a namespace whose
    /// key comes from Key Vault): <see cref="ServiceBusClient"/>, <see cref="ServiceBusMessageQueue"/> as
    /// <see cref="IMessageQueue"/>, and the <see cref="ServiceBusSessionPump"/> hosted service that feeds the
    /// <see cref="MessageDispatcher"/>. <see cref="QueueOptions"/> are read as options, as for the embedded queue.
    /// </summary>
    public static IServiceCollection AddImeBridgeServiceBus(
        this IServiceCollection services,
        string connectionString,
        string queueName,
        Action<ServiceBusQueueOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddImeBridgeServiceBus(_ => new ServiceBusClient(connectionString), queueName, configure);
    }

    /// <summary>
    /// As <see cref="AddImeBridgeServiceBus(IServiceCollection, string, string, Action{ServiceBusQueueOptions}?)"/> with a
    /// namespace (<c>name.servicebus.windows.net</c>) and a credential; without one, <see cref="DefaultAzureCredential"/>
    /// (the Function App's managed identity in Azure, a developer's sign-in locally): no secret to keep.
    /// </summary>
    public static IServiceCollection AddImeBridgeServiceBus(
        this IServiceCollection services,
        string fullyQualifiedNamespace,
        TokenCredential? credential,
        string queueName,
        Action<ServiceBusQueueOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullyQualifiedNamespace);
        return services.AddImeBridgeServiceBus(
            _ => new ServiceBusClient(fullyQualifiedNamespace, credential ?? new DefaultAzureCredential()),
            queueName,
            configure);
    }

    private static IServiceCollection AddImeBridgeServiceBus(
        this IServiceCollection services,
        Func<IServiceProvider, ServiceBusClient> createClient,
        string queueName,
        Action<ServiceBusQueueOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        var busOptions = new ServiceBusQueueOptions { QueueName = queueName };
        configure?.Invoke(busOptions);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<QueueOptions>();
        services.AddSingleton(busOptions);
        services.AddSingleton(createClient);
        services.AddSingleton(sp => new ServiceBusMessageQueue(
            sp.GetRequiredService<ServiceBusClient>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<QueueOptions>>().Value,
            busOptions));
        services.AddSingleton<IMessageQueue>(sp => sp.GetRequiredService<ServiceBusMessageQueue>());
        if (busOptions.RunSessionPump)
        {
            services.AddHostedService<ServiceBusSessionPump>();
        }

        return services;
    }
}
