using System.Collections.Concurrent;
using Amqp.Framing;
using Amqp.Listener;

namespace ImeBridge.Testing.ServiceBus.Protocol;

/// <summary>
/// The request/response pattern the client uses for <c>$cbs</c> and <c>$management</c>: requests arrive on one link
/// and the answer goes to the client's receiver link whose address is the request's reply-to, on the same connection.
/// </summary>
internal sealed class ReplyLinks
{
    private readonly ConcurrentDictionary<(global::Amqp.Connection Connection, string Address), ListenerLink> links = new();

    public void Add(ListenerLink link, string address) => links[(link.Session.Connection, address)] = link;

    public void Remove(ListenerLink link, string address) => links.TryRemove(new((link.Session.Connection, address), link));

    public ListenerLink? Find(global::Amqp.Connection connection, string? address) =>
        address is not null && links.TryGetValue((connection, address), out var link) ? link : null;
}

/// <summary>The client's sending side of a request/response pair: each request is accepted, handled and answered.</summary>
internal sealed class RequestEndpoint(ReplyLinks replies, Func<global::Amqp.Message, global::Amqp.Message> handle) : LinkEndpoint
{
    public override void OnMessage(MessageContext messageContext)
    {
        var request = messageContext.Message;
        messageContext.Complete();
        var response = handle(request);
        response.Properties ??= new Properties();
        response.Properties.CorrelationId = request.Properties?.MessageId;
        var replyLink = replies.Find(messageContext.Link.Session.Connection, request.Properties?.ReplyTo);
        replyLink?.SendMessage(response);
    }

    public override void OnFlow(FlowContext flowContext)
    {
    }

    public override void OnDisposition(DispositionContext dispositionContext) => dispositionContext.Complete();
}

/// <summary>The client's receiving side of a request/response pair, found by its address when an answer is ready.</summary>
internal sealed class ResponseEndpoint(ReplyLinks replies, string address) : LinkEndpoint
{
    public override void OnFlow(FlowContext flowContext)
    {
    }

    public override void OnDisposition(DispositionContext dispositionContext) => dispositionContext.Complete();

    public override void OnLinkClosed(ListenerLink link, Error error) => replies.Remove(link, address);
}
