using System.Text.Json.Serialization;

namespace ImeBridge.Core.Rules;

/// <summary>The workers' compensation IME rules of one state (or the house default for states without an entry).</summary>
public sealed record JurisdictionRule
{
    /// <summary>Two-letter USPS code; <c>*</c> for the house default.</summary>
    public required string State { get; init; }

    /// <summary>Minimum notice to the claimant before the exam.</summary>
    public required DayPeriodRule Notice { get; init; }

    /// <summary>Time allowed after the exam for the report.</summary>
    public required DayPeriodRule Report { get; init; }

    public required RecipientRule Recipients { get; init; }

    /// <summary>Null when no statute or regulation caps the number of exams (or none is known).</summary>
    public ExamLimitRule? ExamLimit { get; init; }

    /// <summary>True when this is the house default returned for a state without its own entry.</summary>
    [JsonIgnore]
    public bool IsDefault { get; init; }

    /// <summary>True only when every part was read in the cited text.</summary>
    [JsonIgnore]
    public bool Verified => Parts.All(part => part.Verified);

    [JsonIgnore]
    public IEnumerable<RulePart> Parts =>
        ExamLimit is null ? [Notice, Report, Recipients] : [Notice, Report, Recipients, ExamLimit];
}
