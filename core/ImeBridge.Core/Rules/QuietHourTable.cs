namespace ImeBridge.Core.Rules;

/// <summary>The file shape of <c>quiet-hours.json</c>.</summary>
public sealed record QuietHourTable
{
    public required string Table { get; init; }
    public required QuietHourRule Default { get; init; }
    public required IReadOnlyList<QuietHourRule> States { get; init; }
}
