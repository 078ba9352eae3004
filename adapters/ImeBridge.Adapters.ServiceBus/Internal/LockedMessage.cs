using Azure.Messaging.ServiceBus;

namespace ImeBridge.Adapters.ServiceBus.Internal;

/// <summary>
/// A received message still locked to this process, with the receiver that holds its session: Service Bus settles a
/// session's messages only through the link that received them. Two kinds: a session receiver the adapter opened in
/// <c>ReceiveAsync</c>, and a message the <see cref="ServiceBusSessionPump"/>'s processor is handling.
/// </summary>
internal abstract class LockedMessage(ServiceBusReceivedMessage message)
{
    public ServiceBusReceivedMessage Message { get; } = message;

    /// <summary>When the session lock ends unless renewed.</summary>
    public DateTimeOffset SessionLockedUntil { get; set; }

    /// <summary>For a held retry: when the message is given back.</summary>
    public DateTimeOffset HeldUntil { get; set; }

    /// <summary>True when a retry delay is waited out inside the abandon call (the pump's handler keeps the session).</summary>
    public abstract bool WaitsInline { get; }

    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    public abstract Task AbandonAsync(IDictionary<string, object> properties, CancellationToken cancellationToken);

    public abstract Task DeadLetterAsync(string reason, string? description, IDictionary<string, object> properties, CancellationToken cancellationToken);

    public abstract Task<DateTimeOffset> RenewSessionLockAsync(CancellationToken cancellationToken);

    /// <summary>Lets the session go once its message is settled.</summary>
    public abstract ValueTask ReleaseAsync();
}

/// <summary>A message received by a session receiver the adapter opened for it; closing the receiver releases the session.</summary>
internal sealed class ReceiverLockedMessage(ServiceBusSessionReceiver receiver, ServiceBusReceivedMessage message) : LockedMessage(message)
{
    public override bool WaitsInline => false;

    public override Task CompleteAsync(CancellationToken cancellationToken) => receiver.CompleteMessageAsync(Message, cancellationToken);

    public override Task AbandonAsync(IDictionary<string, object> properties, CancellationToken cancellationToken) =>
        receiver.AbandonMessageAsync(Message, properties, cancellationToken);

    public override Task DeadLetterAsync(string reason, string? description, IDictionary<string, object> properties, CancellationToken cancellationToken) =>
        receiver.DeadLetterMessageAsync(Message, properties, reason, description, cancellationToken);

    public override async Task<DateTimeOffset> RenewSessionLockAsync(CancellationToken cancellationToken)
    {
        await receiver.RenewSessionLockAsync(cancellationToken);
        return receiver.SessionLockedUntil;
    }

    public override async ValueTask ReleaseAsync()
    {
        try
        {
            await receiver.DisposeAsync();
        }
        catch (ServiceBusException)
        {
            // The link is gone already (lock lost, connection closed): the session is free either way.
        }
    }
}

/// <summary>A message the session processor handed to the pump; the processor owns the session and its renewal.</summary>
internal sealed class ProcessorLockedMessage(ProcessSessionMessageEventArgs args) : LockedMessage(args.Message)
{
    public override bool WaitsInline => true;

    public override Task CompleteAsync(CancellationToken cancellationToken) => args.CompleteMessageAsync(Message, cancellationToken);

    public override Task AbandonAsync(IDictionary<string, object> properties, CancellationToken cancellationToken) =>
        args.AbandonMessageAsync(Message, properties, cancellationToken);

    public override Task DeadLetterAsync(string reason, string? description, IDictionary<string, object> properties, CancellationToken cancellationToken) =>
        args.DeadLetterMessageAsync(Message, new Dictionary<string, object>(properties), reason, description, cancellationToken);

    public override async Task<DateTimeOffset> RenewSessionLockAsync(CancellationToken cancellationToken)
    {
        await args.RenewSessionLockAsync(cancellationToken);
        return args.SessionLockedUntil;
    }

    public override ValueTask ReleaseAsync() => ValueTask.CompletedTask;
}
