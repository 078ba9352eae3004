using ImeBridge.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary><c>POST /api/email/inbound</c>: SendGrid Inbound Parse (see <see cref="InboundEmailApi"/>).</summary>
public sealed class ReceiveInboundEmail(InboundEmailApi api)
{
    public const string Route = "email/inbound";

    [Function(nameof(ReceiveInboundEmail))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.ReceiveAsync(request, cancellationToken);
}
