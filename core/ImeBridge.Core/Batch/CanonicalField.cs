namespace ImeBridge.Core.Batch;

internal enum CanonicalValueType
{
    Text,
    Boolean,
    Integer,
    Date,
}

/// <summary>A field of the canonical referral a CSV cell can fill.</summary>
/// <param name="Pattern">Dotted path with <c>[]</c> for array positions: <c>parties[].address.city</c>, <c>request.questions[]</c>.</param>
/// <param name="IsList">An array of values filled from one cell split on the list separator (<c>request.questions</c>).</param>
/// <param name="IsAssigned">Filled in by ImeBridge (<c>source.receivedAt</c>); a layout may not map it.</param>
internal sealed record CanonicalField(
    string Pattern,
    CanonicalValueType Type,
    IReadOnlyList<string>? Enum,
    bool IsList,
    bool IsAssigned);
