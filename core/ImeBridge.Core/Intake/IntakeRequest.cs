namespace ImeBridge.Core.Intake;

/// <summary>Bytes that arrived on a channel for a known partner.</summary>
/// <param name="Channel">webhook, fhir, sftp or email.</param>
/// <param name="DeliveryId">The transport's own id for this delivery (e.g. <c>webhook-id</c>); a repeat is answered idempotently.</param>
/// <param name="PartOfBatch">A record of a batch file: the batch logs once per file, so each record logs at Debug only.</param>
public sealed record IntakeRequest(
    string Channel,
    string PartnerId,
    string? DeliveryId,
    string ContentType,
    ReadOnlyMemory<byte> Body,
    bool PartOfBatch = false);
