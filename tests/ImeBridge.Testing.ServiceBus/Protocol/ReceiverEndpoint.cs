using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;
using ImeBridge.Testing.ServiceBus.Entities;

namespace ImeBridge.Testing.ServiceBus.Protocol;

/// <summary>
/// A client's receiver link: a session receiver on the queue, or a plain receiver on the dead-letter queue.
/// Credit, dispositions and the link's end are handed to the <see cref="QueueEntity"/>.
/// </summary>
internal sealed class ReceiverEndpoint(ListenerLink link, QueueEntity queue, bool deadLetterQueue) : LinkEndpoint, IQueueReceiver
{
    private static readonly Symbol LockTokenKey = new(MessageWire.LockToken);

    private volatile bool closed;

    /// <summary>Set once, when the session is locked, before the link can receive.</summary>
    public string? SessionId { get; set; }

    public bool IsClosed => closed;

    public bool FromDeadLetterQueue => deadLetterQueue;

    public string LinkName => link.Name;

    public int Credit { get; set; }

    public bool IsDraining => link.IsDraining;

    public void Deliver(global::Amqp.Message message) => link.SendMessage(message);

    public void LoseLock() =>
        link.Close(TimeSpan.Zero, new Error(new Symbol(EntityException.SessionLockLost)) { Description = $"The lock on session '{SessionId}' expired." });

    public void CompleteDrain() => link.CompleteDrain();

    public override void OnFlow(FlowContext flowContext) => queue.AddCredit(this, flowContext.Messages);

    public override void OnDisposition(DispositionContext dispositionContext)
    {
        string? error = null;
        if (dispositionContext.Message?.MessageAnnotations?.Map[LockTokenKey] is Guid lockToken)
        {
            error = queue.Settle(this, lockToken, dispositionContext.DeliveryState);
        }

        try
        {
            if (error is null)
            {
                dispositionContext.Complete();
            }
            else
            {
                dispositionContext.Complete(new Error(new Symbol(error)) { Description = "The lock supplied is invalid: it expired, or the message was already settled." });
            }
        }
        catch (Exception ex) when (ex is global::Amqp.AmqpException or ObjectDisposedException or InvalidOperationException)
        {
            // The link is closing; the client learns the lock was lost from the detach.
        }
    }

    public override void OnLinkClosed(ListenerLink closedLink, Error error) => Close();

    /// <summary>
    /// The link closed, attached or not (a client that stopped waiting for a session ends the link before its attach is
    /// answered, and then <see cref="OnLinkClosed"/> is never called): the queue forgets it and frees what it held.
    /// </summary>
    public void Close()
    {
        closed = true;
        queue.Detach(this);
    }
}
