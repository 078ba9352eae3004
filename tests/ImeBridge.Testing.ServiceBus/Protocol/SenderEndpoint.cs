using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;
using ImeBridge.Testing.ServiceBus.Entities;

namespace ImeBridge.Testing.ServiceBus.Protocol;

/// <summary>A client's sender link on a queue: each message (or each message of a batch) is enqueued, then accepted.</summary>
internal sealed class SenderEndpoint(QueueEntity queue) : LinkEndpoint
{
    /// <summary>The message format of a Service Bus batch: each data section holds one encoded message.</summary>
    private const uint BatchFormat = 0x80013700;

    private static readonly Symbol ScheduledEnqueueTime = new(MessageWire.ScheduledEnqueueTime);

    public override void OnMessage(MessageContext messageContext)
    {
        try
        {
            foreach (var message in Unbatch(messageContext.Message))
            {
                queue.Enqueue(message, ScheduledFor(message));
            }

            messageContext.Complete();
        }
        catch (EntityException ex)
        {
            messageContext.Complete(new Error(new Symbol(ex.Condition)) { Description = ex.Message });
        }
    }

    public override void OnFlow(FlowContext flowContext)
    {
    }

    public override void OnDisposition(DispositionContext dispositionContext) => dispositionContext.Complete();

    internal static DateTimeOffset? ScheduledFor(global::Amqp.Message message) =>
        message.MessageAnnotations?.Map[ScheduledEnqueueTime] is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;

    private static List<global::Amqp.Message> Unbatch(global::Amqp.Message message)
    {
        if (message.Format != BatchFormat)
        {
            return [message];
        }

        return message.BodySection switch
        {
            Data data => [MessageWire.Decode(data.Binary)],
            DataList list => Enumerable.Range(0, list.Count).Select(i => MessageWire.Decode(list[i].Binary)).ToList(),
            _ => [],
        };
    }
}
