using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;
using ImeBridge.Testing.ServiceBus.Entities;

namespace ImeBridge.Testing.ServiceBus.Protocol;

/// <summary>
/// Decides what each link the client attaches is: <c>$cbs</c>, a queue's <c>$management</c> node, a sender to a queue,
/// a session receiver on a queue (<c>com.microsoft:session-filter</c>: a named session or the next available one), or a
/// receiver on a dead-letter queue. The client sends absolute paths (<c>/queue</c>) or full addresses; both are accepted.
/// </summary>
internal sealed class EntityLinkProcessor(Func<string, QueueEntity?> findQueue, ParkedAttaches parked) : ILinkProcessor
{
    public const string DeadLetterQueueSuffix = "/$DeadLetterQueue";
    private const string ManagementSuffix = "/$management";
    private const ulong MaxMessageSize = 256UL * 1024 * 1024;

    private static readonly Symbol SessionFilter = new("com.microsoft:session-filter");
    private static readonly Symbol LockedUntilUtc = new("com.microsoft:locked-until-utc");
    private static readonly Symbol ClientTimeout = new("com.microsoft:timeout");
    private static readonly TimeSpan DefaultSessionWait = TimeSpan.FromSeconds(60);

    private readonly ReplyLinks replies = new();

    public void Process(AttachContext attachContext)
    {
        try
        {
            Route(attachContext);
        }
        catch (EntityException ex)
        {
            attachContext.Complete(new Error(new Symbol(ex.Condition)) { Description = ex.Message });
        }
    }

    private void Route(AttachContext context)
    {
        var attach = context.Attach;
        attach.MaxMessageSize = MaxMessageSize;
        var clientReceives = attach.Role;
        var address = Normalize(clientReceives ? ((Source)attach.Source).Address : ((Target)attach.Target).Address);

        if (address.Equals("$cbs", StringComparison.OrdinalIgnoreCase))
        {
            RequestResponse(context, clientReceives, ManagementOperations.AcceptToken);
            return;
        }

        if (address.EndsWith(ManagementSuffix, StringComparison.OrdinalIgnoreCase))
        {
            var (managed, deadLetters) = Entity(address[..^ManagementSuffix.Length]);
            RequestResponse(context, clientReceives, request => ManagementOperations.Handle(managed, deadLetters, request));
            return;
        }

        var (queue, deadLetterQueue) = Entity(address);
        if (!clientReceives)
        {
            if (deadLetterQueue)
            {
                throw new EntityException(EntityException.NotAllowed, "Messages cannot be sent to a dead-letter queue.");
            }

            context.Complete(new SenderEndpoint(queue), 300);
            return;
        }

        var filters = ((Source)attach.Source).FilterSet;
        var sessionful = !deadLetterQueue && filters is not null && filters.ContainsKey(SessionFilter);
        if (!sessionful)
        {
            if (!deadLetterQueue && queue.Settings.RequiresSession)
            {
                throw new EntityException(EntityException.NotAllowed, $"The queue '{queue.Name}' requires sessions: receive with a session receiver.");
            }

            var plain = new ReceiverEndpoint(context.Link, queue, deadLetterQueue);
            context.Complete(plain, 0);
            queue.Attach(plain);
            return;
        }

        var receiver = new ReceiverEndpoint(context.Link, queue, deadLetterQueue: false);
        if (filters![SessionFilter] is string sessionId)
        {
            AnswerWithSession(context, queue.AcceptSession(sessionId, receiver));
            queue.Attach(receiver);
            return;
        }

        // The next available session: held open until one is free or the client's own timeout passes, as Service Bus does.
        var waiting = new ParkedAttach(context, receiver, queue, parked);
        parked.Add(waiting);
        context.Link.Closed += (_, _) => waiting.Abandon();
        if (context.Link.IsClosed)
        {
            waiting.Abandon();
            return;
        }

        queue.AcceptNextSession(new SessionWaiter(receiver, queue.Now + RequestedWait(attach), waiting.AnswerWith, waiting.AnswerNoSession));
    }

    /// <summary>The receiver learns its session from the answering attach: the filter carries the id, a property the lock's end.</summary>
    public static void AnswerWithSession(AttachContext context, SessionLock accepted)
    {
        var attach = context.Attach;
        ((Source)attach.Source).FilterSet[SessionFilter] = accepted.SessionId;
        attach.Properties ??= [];
        attach.Properties[LockedUntilUtc] = accepted.LockedUntil.UtcTicks;
        context.Complete((ReceiverEndpoint)accepted.Owner, 0);
    }

    /// <summary>The client says how long it waits (<c>com.microsoft:timeout</c>, milliseconds, its try-timeout); Service Bus's default otherwise.</summary>
    private static TimeSpan RequestedWait(Attach attach) =>
        attach.Properties?[ClientTimeout] is { } milliseconds and (uint or int or long or ulong)
            ? TimeSpan.FromMilliseconds(Convert.ToDouble(milliseconds, System.Globalization.CultureInfo.InvariantCulture))
            : DefaultSessionWait;

    private void RequestResponse(AttachContext context, bool clientReceives, Func<global::Amqp.Message, global::Amqp.Message> handle)
    {
        if (clientReceives)
        {
            var replyAddress = ((Target)context.Attach.Target).Address;
            replies.Add(context.Link, replyAddress);
            context.Complete(new ResponseEndpoint(replies, replyAddress), 0);
        }
        else
        {
            context.Complete(new RequestEndpoint(replies, handle), 100);
        }
    }

    private (QueueEntity Queue, bool DeadLetterQueue) Entity(string path)
    {
        var deadLetterQueue = path.EndsWith(DeadLetterQueueSuffix, StringComparison.OrdinalIgnoreCase);
        var name = deadLetterQueue ? path[..^DeadLetterQueueSuffix.Length] : path;
        var queue = findQueue(name) ?? throw new EntityException(EntityException.NotFound, $"The messaging entity '{name}' could not be found.");
        return (queue, deadLetterQueue);
    }

    private static string Normalize(string? address)
    {
        var path = address ?? string.Empty;
        if (path.Contains("://", StringComparison.Ordinal))
        {
            path = Uri.UnescapeDataString(new Uri(path).AbsolutePath);
        }

        return path.Trim('/');
    }
}
