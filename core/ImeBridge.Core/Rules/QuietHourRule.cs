namespace ImeBridge.Core.Rules;

/// <summary>The local hours in which texts and calls to a claimant are allowed; anything outside is quiet.</summary>
public sealed record QuietHourRule : RulePart
{
    /// <summary>Two-letter USPS code; <c>*</c> for the federal default.</summary>
    public required string State { get; init; }
    public required TimeOnly AllowedFrom { get; init; }

    /// <summary>Exclusive: at exactly this time it is already quiet.</summary>
    public required TimeOnly AllowedUntil { get; init; }

    public bool IsQuiet(TimeOnly localTime) => localTime < AllowedFrom || localTime >= AllowedUntil;
}
