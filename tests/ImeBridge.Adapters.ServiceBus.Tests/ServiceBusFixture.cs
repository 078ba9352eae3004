using Azure.Messaging.ServiceBus;
using ImeBridge.Core.Messaging;
using ImeBridge.Testing.ServiceBus;

namespace ImeBridge.Adapters.ServiceBus.Tests;

/// <summary>An in-process Service Bus endpoint with one session-enabled queue, and the real clients and adapters a test opened on it.</summary>
internal sealed class ServiceBusFixture : IAsyncDisposable
{
    public const string QueueName = "imebridge-workflow";

    private readonly List<ServiceBusClient> clients = [];
    private readonly List<ServiceBusMessageQueue> queues = [];

    public ServiceBusFixture(TimeProvider time, QueueOptions options)
    {
        Bus = InProcessServiceBus.Start(time);
        Bus.CreateQueue(QueueName, new ServiceBusQueueSettings { LockDuration = options.LockDuration, MaxDeliveryCount = options.MaxDeliveryCount });
    }

    public InProcessServiceBus Bus { get; }

    /// <summary>A client that does not retry: on loopback a failure is a finding, and "no session available" must answer at once.</summary>
    public ServiceBusClient NewClient()
    {
        var client = new ServiceBusClient(Bus.ConnectionString, new ServiceBusClientOptions
        {
            RetryOptions = { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(10) },
        });
        clients.Add(client);
        return client;
    }

    public ServiceBusMessageQueue NewQueue(TimeProvider time, QueueOptions options)
    {
        var queue = new ServiceBusMessageQueue(NewClient(), time, options, new ServiceBusQueueOptions { QueueName = QueueName });
        queues.Add(queue);
        return queue;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in queues)
        {
            await queue.DisposeAsync();
        }

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        Bus.Dispose();
    }
}
