using Amqp.Handler;
using Amqp.Types;

namespace ImeBridge.Testing.ServiceBus.Protocol;

/// <summary>
/// Makes each delivery's tag the message's 16-byte lock token: the Service Bus client reads the lock token from
/// the delivery tag and settles by it. The library's own tags are 4-byte counters.
/// </summary>
internal sealed class LockTokenDeliveryTags : IHandler
{
    private static readonly Symbol LockToken = new(MessageWire.LockToken);

    public bool CanHandle(EventId id) => id == EventId.SendDelivery;

    public void Handle(Event protocolEvent)
    {
        if (protocolEvent.Context is IDelivery delivery
            && delivery.Message?.MessageAnnotations?.Map[LockToken] is Guid token)
        {
            delivery.Tag = token.ToByteArray();
        }
    }
}
