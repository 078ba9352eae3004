using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Amqp.Listener;
using Amqp.Types;
using ImeBridge.Testing.ServiceBus.Protocol;
using ImeBridge.Testing.ServiceBus.Entities;

namespace ImeBridge.Testing.ServiceBus;

/// <summary>
/// An in-process AMQP 1.0 endpoint that the real <c>Azure.Messaging.ServiceBus</c> client accepts with
/// <see cref="ConnectionString"/> (<c>UseDevelopmentEmulator=true</c>: plain AMQP on loopback, any key). It behaves as
/// Service Bus does for session-enabled queues: duplicate detection, scheduled enqueue and cancellation, session locks,
/// peek-lock with delivery counts, dead-lettering (explicit and after the maximum delivery count), lock expiry and
/// renewal, peeking the dead-letter queue, and holding an accept for the next available session until a session has a
/// due message or the client's timeout (<c>com.microsoft:timeout</c> on the attach) passes. There is no emulator without
/// Docker on these machines, so the adapter is tested against this. Locks and schedules follow the given <see cref="TimeProvider"/>, so tests can move the clock.
/// </summary>
public sealed class InProcessServiceBus : IDisposable
{
    private readonly ContainerHost host;
    private readonly ConcurrentDictionary<string, QueueEntity> queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider time;
    private readonly Timer ticker;

    private InProcessServiceBus(int port, TimeProvider time)
    {
        this.time = time;
        Port = port;
        host = new ContainerHost(new global::Amqp.Address($"amqp://127.0.0.1:{port}"));
        var listener = host.Listeners[0];
        listener.SASL.EnableMechanism(new Symbol(CbsSaslProfile.Name), new CbsSaslProfile());
        listener.AMQP.MaxFrameSize = 64 * 1024;
        var parked = new ParkedAttaches();
        listener.HandlerFactory = _ => new ConnectionEvents(new LockTokenDeliveryTags(), parked);
        host.RegisterLinkProcessor(new EntityLinkProcessor(name => queues.GetValueOrDefault(name), parked));
        host.Open();

        // Scheduled messages fall due and locks expire with no client call: a real-time tick delivers them to waiting receivers.
        ticker = new Timer(_ => Tick(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The loopback port the endpoint listens on.</summary>
    public int Port { get; }

    /// <summary>A Service Bus connection string for this endpoint.</summary>
    public string ConnectionString => $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName=local;SharedAccessKey=local;UseDevelopmentEmulator=true";

    /// <summary>
    /// Starts an endpoint on loopback, reading <paramref name="time"/> (the system clock by default). Port 0 picks a free
    /// one; a fixed port lets other processes on the machine share the endpoint through <see cref="ConnectionString"/>.
    /// </summary>
    public static InProcessServiceBus Start(TimeProvider? time = null, int port = 0) => new(port == 0 ? FreePort() : port, time ?? TimeProvider.System);

    /// <summary>Creates a queue (session-enabled unless the settings say otherwise).</summary>
    public void CreateQueue(string name, ServiceBusQueueSettings? settings = null) =>
        queues[name] = new QueueEntity(name, settings ?? new ServiceBusQueueSettings(), time);

    /// <summary>Messages held by the queue (scheduled ones included) and by its dead-letter queue.</summary>
    public (int Active, int DeadLettered) CountMessages(string queueName) => queues[queueName].Count();

    public void Dispose()
    {
        ticker.Dispose();
        host.Close();
    }

    private void Tick()
    {
        try
        {
            foreach (var queue in queues.Values)
            {
                queue.Tick();
            }
        }
        catch (Exception ex) when (ex is global::Amqp.AmqpException or ObjectDisposedException or InvalidOperationException)
        {
            // A connection closing under the tick; the next tick finds the state settled.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
