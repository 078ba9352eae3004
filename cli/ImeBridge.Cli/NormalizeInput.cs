using ImeBridge.Core.Ports;

namespace ImeBridge.Cli;

/// <summary>
/// One record to normalize, labelled <c>FILE</c> or <c>FILE:RECORD</c>: canonical referral JSON to read, or the
/// problems that stopped it from becoming one (a CSV cell that does not map, a file that cannot be read at all).
/// </summary>
internal sealed record NormalizeInput(string Label, ReadOnlyMemory<byte> Utf8Json, IReadOnlyList<FieldError> Problems)
{
    public static NormalizeInput Json(string label, ReadOnlyMemory<byte> utf8Json) => new(label, utf8Json, []);

    public static NormalizeInput Refused(string label, IReadOnlyList<FieldError> problems) => new(label, ReadOnlyMemory<byte>.Empty, problems);
}
