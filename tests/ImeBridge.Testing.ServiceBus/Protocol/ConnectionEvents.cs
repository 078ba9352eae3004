using Amqp.Handler;

namespace ImeBridge.Testing.ServiceBus.Protocol;

/// <summary>The listener takes one protocol event handler per connection; this one passes each event to those that want it.</summary>
internal sealed class ConnectionEvents(params IHandler[] handlers) : IHandler
{
    public bool CanHandle(EventId id) => handlers.Any(h => h.CanHandle(id));

    public void Handle(Event protocolEvent)
    {
        foreach (var handler in handlers)
        {
            if (handler.CanHandle(protocolEvent.Id))
            {
                handler.Handle(protocolEvent);
            }
        }
    }
}
