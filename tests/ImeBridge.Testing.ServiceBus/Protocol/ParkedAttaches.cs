using System.Collections.Concurrent;
using Amqp;
using Amqp.Handler;

namespace ImeBridge.Testing.ServiceBus.Protocol;

/// <summary>
/// The <see cref="ParkedAttach"/>es of every connection, found by link when the client detaches one of them: the
/// connection event arrives before the library checks the link's state, so the attach can still be answered then.
/// </summary>
internal sealed class ParkedAttaches : IHandler
{
    private readonly ConcurrentDictionary<Link, ParkedAttach> parked = new(ReferenceEqualityComparer.Instance);

    public void Add(ParkedAttach attach) => parked[attach.Link] = attach;

    public void Forget(ParkedAttach attach) => parked.TryRemove(attach.Link, out _);

    public bool CanHandle(EventId id) => id == EventId.LinkRemoteClose;

    public void Handle(Event protocolEvent)
    {
        if (protocolEvent.Link is { } link && parked.TryGetValue(link, out var attach))
        {
            attach.Withdraw();
        }
    }
}
