using ImeBridge.Hosting.Outbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary><c>POST /api/sendgrid/events</c>: SendGrid's signed Event Webhook (see <see cref="SendGridEventsApi"/>).</summary>
public sealed class SendGridEvents(SendGridEventsApi api)
{
    public const string Route = "sendgrid/events";

    [Function(nameof(SendGridEvents))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.ReceiveAsync(request, cancellationToken);
}
