namespace ImeBridge.Adapters.Webhooks;

/// <summary>The values to send as <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c>.</summary>
public sealed record StandardWebhookHeaders(string Id, string Timestamp, string Signature)
{
    /// <summary>The headers as name/value pairs, ready to add to a request.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToList() =>
    [
        new(StandardWebhookHeaderNames.Id, Id),
        new(StandardWebhookHeaderNames.Timestamp, Timestamp),
        new(StandardWebhookHeaderNames.Signature, Signature),
    ];
}
