using ImeBridge.Adapters.SendGrid;
using ImeBridge.Adapters.SendGrid.EventWebhook;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting.Outbound;

/// <summary>The Event Webhook verifier built once from <c>sendgrid:eventWebhookPublicKey</c>; null when none is set.</summary>
internal sealed class SendGridEventWebhookKey : IDisposable
{
    public SendGridEventWebhookKey(IOptions<SendGridOptions> options, TimeProvider time)
    {
        // The options validator already refused a key that does not parse.
        Verifier = EventWebhookPublicKey.TryParse(options.Value.EventWebhookPublicKey, out var key) ? new EventWebhookVerifier(key, time) : null;
    }

    public EventWebhookVerifier? Verifier { get; }

    public void Dispose() => Verifier?.Dispose();
}
