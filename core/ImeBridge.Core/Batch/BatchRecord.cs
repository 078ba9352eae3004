using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Batch;

/// <summary>One record of a batch file, turned into canonical referral JSON.</summary>
/// <param name="Row">1-based data row: for CSV the header is not counted, for JSON Lines the line number.</param>
/// <param name="ExternalId">The record's <c>source.externalId</c> when it has one.</param>
/// <param name="Json">Canonical referral JSON (UTF-8) built from the record.</param>
/// <param name="MappingErrors">Why the record could not be mapped (field path and reason, never the value); empty when it could.</param>
public sealed record BatchRecord(long Row, string? ExternalId, ReadOnlyMemory<byte> Json, IReadOnlyList<FieldError> MappingErrors);
