using Azure.Identity;
using Azure.Messaging.ServiceBus;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Testing.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.ServiceBus.Tests;

public sealed class ServiceBusRegistrationTests
{
    [Fact]
    public async Task The_registration_wires_the_queue_port_and_the_session_pump_that_feeds_the_dispatcher()
    {
        using var bus = InProcessServiceBus.Start();
        bus.CreateQueue("workflow");
        var handler = new RecordingHandler();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IMessageHandler>(handler)
            .AddSingleton<MessageDispatcher>()
            .AddImeBridgeServiceBus(bus.ConnectionString, "workflow", o => o.SessionIdleTimeout = TimeSpan.FromMilliseconds(500));
        await using var provider = services.BuildServiceProvider();

        var queue = provider.GetRequiredService<IMessageQueue>();
        var pump = Assert.IsType<ServiceBusSessionPump>(Assert.Single(provider.GetServices<IHostedService>()));
        Assert.Same(provider.GetRequiredService<ServiceBusMessageQueue>(), queue);

        await pump.StartAsync(CancellationToken.None);
        await queue.SendAsync([new QueueMessage("m1", "TestEvent", "ref-1", "{}"u8.ToArray())], CancellationToken.None);
        for (var i = 0; i < 100 && handler.Handled.Count == 0; i++)
        {
            await Task.Delay(100);
        }

        await pump.StopAsync(CancellationToken.None);
        Assert.Equal("m1", Assert.Single(handler.Handled).MessageId);
    }

    [Fact]
    public async Task The_managed_identity_registration_targets_the_namespace_without_a_secret()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddImeBridgeServiceBus("imebridge-test.servicebus.windows.net", new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned), "workflow");
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ServiceBusClient>();

        Assert.Equal("imebridge-test.servicebus.windows.net", client.FullyQualifiedNamespace);
        Assert.Equal("workflow", provider.GetRequiredService<ServiceBusMessageQueue>().QueueName);
    }
}
