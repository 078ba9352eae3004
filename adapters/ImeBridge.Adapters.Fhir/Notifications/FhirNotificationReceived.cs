namespace ImeBridge.Adapters.Fhir.Notifications;

/// <summary>
/// Body of the queue message for one subscription notification from a partner's server: its payload in the document
/// store, or none for an empty (ping) notification.
/// </summary>
public sealed record FhirNotificationReceived(string PartnerId, string? PayloadSha256, string? ContentType)
{
    public const string MessageType = nameof(FhirNotificationReceived);
}
