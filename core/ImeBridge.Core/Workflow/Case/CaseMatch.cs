namespace ImeBridge.Core.Workflow.Case;

/// <summary>The expert chosen for a referral, and the slot and office the match found (the booking may choose again).</summary>
/// <param name="Specialty">NUCC taxonomy code the referral needed.</param>
public sealed record CaseMatch(string ExpertId, string Npi, string? Specialty, string? OfficeId, DateTimeOffset? FirstSlotStart, DateTimeOffset MatchedAt);
