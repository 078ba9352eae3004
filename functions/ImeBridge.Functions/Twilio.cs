using ImeBridge.Hosting.Outbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>Twilio's webhooks: a claimant's SMS reply and delivery status callbacks (see <see cref="TwilioInboundSmsApi"/>, <see cref="TwilioStatusCallbackApi"/>).</summary>
public sealed class Twilio(TwilioInboundSmsApi sms, TwilioStatusCallbackApi status)
{
    [Function("ReceiveTwilioSms")]
    public Task<IResult> ReceiveSmsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/sms")] HttpRequest request,
        CancellationToken cancellationToken) =>
        sms.ReceiveAsync(request, cancellationToken);

    [Function("ReceiveTwilioStatus")]
    public Task<IResult> ReceiveStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/status")] HttpRequest request,
        CancellationToken cancellationToken) =>
        status.ReceiveAsync(request, cancellationToken);
}
