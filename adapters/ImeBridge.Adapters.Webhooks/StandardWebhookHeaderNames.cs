namespace ImeBridge.Adapters.Webhooks;

/// <summary>The three headers of the Standard Webhooks spec (https://www.standardwebhooks.com/).</summary>
public static class StandardWebhookHeaderNames
{
    public const string Id = "webhook-id";
    public const string Timestamp = "webhook-timestamp";
    public const string Signature = "webhook-signature";
}
