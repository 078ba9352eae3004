using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Batch;

/// <summary>What became of one record: accepted (<paramref name="ReferralId"/>, possibly <paramref name="Duplicate"/>) or rejected (<paramref name="RejectionId"/> and <paramref name="Errors"/>).</summary>
public sealed record BatchRowOutcome(
    long Row,
    string? ExternalId,
    string? ReferralId,
    bool Duplicate,
    string? RejectionId,
    IReadOnlyList<FieldError> Errors);
