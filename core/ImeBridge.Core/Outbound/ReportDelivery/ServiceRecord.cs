namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// One line of a proof of service: who was to receive which report, how, when it was sent and when and how its receipt
/// came back. Keyed by the ledger's message id (<see cref="ReportDeliveryIds"/>). The address is PHI: stored, masked
/// in answers, never logged.
/// </summary>
/// <param name="Status">One of <see cref="ServiceStatuses"/>.</param>
/// <param name="ReceiptKind">One of <see cref="ReceiptKinds"/> once there is a receipt.</param>
/// <param name="LinkId">The secure link's id (email only); the token itself is never stored.</param>
/// <param name="ServedBy">The operator who recorded serving it by hand (<see cref="ReceiptKinds.ServedByOperator"/>).</param>
public sealed record ServiceRecord(
    string MessageId,
    string ReferralId,
    string ReportSha256,
    int ReportVersion,
    string Role,
    int Index,
    string? Name,
    string? Organization,
    string? Channel,
    string? Address,
    bool Required,
    string Status,
    DateTimeOffset PlannedAt,
    DateTimeOffset? SentAt = null,
    DateTimeOffset? ReceiptAt = null,
    string? ReceiptKind = null,
    string? ProviderId = null,
    string? Detail = null,
    string? LinkId = null,
    DateTimeOffset? LinkExpiresAt = null,
    DateTimeOffset? DownloadedAt = null,
    string? ServedBy = null)
{
    /// <summary>Names the recipient across its attempts: <c>{role}</c>, or <c>{role}:{n}</c> for the n-th of a role.</summary>
    public string RecipientKey => ReportDeliveryIds.RecipientKey(Role, Index);

    /// <summary>Served: a receipt stands and nothing said since that it failed.</summary>
    public bool Served => ReceiptAt is not null && Status != ServiceStatuses.Failed;
}

/// <summary>Where one recipient's service stands.</summary>
public static class ServiceStatuses
{
    public const string Planned = "planned";
    public const string Sent = "sent";
    public const string Served = "served";
    public const string Failed = "failed";
    public const string Unreachable = "unreachable";
}

/// <summary>What the receipt of a recipient is.</summary>
public static class ReceiptKinds
{
    /// <summary>The email provider accepted the message for delivery.</summary>
    public const string ProviderAccepted = "providerAccepted";

    /// <summary>No provider is configured: the message was written to the local outbox.</summary>
    public const string Outbox = "outbox";

    /// <summary>The provider reported delivery to the recipient's mail server.</summary>
    public const string Delivered = "delivered";

    /// <summary>The recipient opened the secure link and the report was streamed.</summary>
    public const string Downloaded = "downloaded";

    /// <summary>The partner's webhook endpoint accepted <c>report.available</c>.</summary>
    public const string WebhookAccepted = "webhookAccepted";

    /// <summary>The DocumentReference was written to the partner's FHIR server.</summary>
    public const string FhirWritten = "fhirWritten";

    /// <summary>An operator served the report outside ImeBridge (mail, fax, by hand, a portal) and recorded it.</summary>
    public const string ServedByOperator = "servedByOperator";
}
