using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;
using ImeBridge.Testing.ServiceBus.Entities;

namespace ImeBridge.Testing.ServiceBus.Protocol;

/// <summary>
/// An attach for the next available session that is not answered yet. Exactly one answer goes out: the session the queue
/// hands it, the timeout error when the client's wait passes, or the timeout error at once when the client detaches first
/// (the library refuses a detach for a link whose attach it has not answered, and would close the whole connection).
/// </summary>
internal sealed class ParkedAttach(AttachContext context, ReceiverEndpoint receiver, QueueEntity queue, ParkedAttaches registry)
{
    private readonly Lock gate = new();
    private bool answered;

    public ListenerLink Link => context.Link;

    public void AnswerWith(SessionLock accepted)
    {
        lock (gate)
        {
            if (!TakeAnswer())
            {
                // The client gave up meanwhile; closing the receiver already freed the session.
                return;
            }

            EntityLinkProcessor.AnswerWithSession(context, accepted);
        }

        queue.Attach(receiver);
    }

    public void AnswerNoSession()
    {
        lock (gate)
        {
            if (TakeAnswer())
            {
                context.Complete(new Error(new Symbol(EntityException.Timeout)) { Description = "No session is available." });
            }
        }
    }

    /// <summary>The client detached while waiting: the queue forgets the waiter, and the attach is answered before the detach is processed.</summary>
    public void Withdraw()
    {
        receiver.Close();
        try
        {
            AnswerNoSession();
        }
        catch (Exception ex) when (ex is Amqp.AmqpException or ObjectDisposedException or InvalidOperationException)
        {
            // The session or connection is ending as well; the library cleans the link up with it.
        }
    }

    /// <summary>The link ended with its session or connection: nothing can be answered, and the queue forgets the waiter.</summary>
    public void Abandon()
    {
        lock (gate)
        {
            TakeAnswer();
        }

        receiver.Close();
    }

    private bool TakeAnswer()
    {
        if (answered)
        {
            return false;
        }

        answered = true;
        registry.Forget(this);
        return true;
    }
}
