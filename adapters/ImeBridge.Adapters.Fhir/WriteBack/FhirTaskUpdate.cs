namespace ImeBridge.Adapters.Fhir.WriteBack;

/// <summary>
/// Body of the queue message that writes one state of a referral (or of a refused ServiceRequest) back to the
/// partner's server as a Task. Ids, codes and field paths only: no PHI.
/// </summary>
/// <param name="TaskKey">The referral id, or the rejection id of a ServiceRequest that never became a referral; the Task's identifier.</param>
/// <param name="Status">The ImeBridge state (Received, Scheduled …, or Rejected).</param>
/// <param name="Reasons">Why, for a refusal: FHIRPath and reason per problem; never a submitted value.</param>
/// <param name="ReportSha256">The report to send as a DocumentReference referenced from Task.output.</param>
/// <param name="ReportDeliveryId">
/// The report delivery the DocumentReference settles; null for the approval's own (the referrer's id derived from the
/// referral and the report), given for an operator's later attempt to serve the referrer again.
/// </param>
public sealed record FhirTaskUpdate(
    string PartnerId,
    string TaskKey,
    string Status,
    DateTimeOffset At,
    FhirServiceRequestRef ServiceRequest,
    IReadOnlyList<string> Reasons,
    string? ReportSha256 = null,
    string? ReportDeliveryId = null)
{
    public const string MessageType = nameof(FhirTaskUpdate);
}
