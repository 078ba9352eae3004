namespace ImeBridge.Adapters.Fhir.Polling;

/// <summary>What one poll of a partner's FHIR server did; <paramref name="Skipped"/> when another instance held the poll.</summary>
/// <param name="Watermark">The stored watermark after the poll: the newest meta.lastUpdated taken in.</param>
/// <param name="Failure">Why the poll stopped early (the server's status, never a body); pages before it stand.</param>
public sealed record FhirPollSummary(
    string PartnerId,
    bool Skipped,
    int Pages,
    int ServiceRequests,
    int Accepted,
    int Duplicates,
    int Refused,
    DateTimeOffset? Watermark,
    string? Failure = null);
