namespace ImeBridge.Core.Outbound.Timing;

/// <summary>
/// Where a claimant is in time, and how we know: <see cref="ClaimantTimeZone.SourceClaimant"/> (the referral said so),
/// <see cref="ClaimantTimeZone.SourceAddress"/> (the address's state), <see cref="ClaimantTimeZone.SourcePhone"/> (the
/// phone's area code, a weaker guess), or null when nothing is known.
/// </summary>
/// <param name="TimeZoneId">The IANA zone to use; null when nothing is known.</param>
/// <param name="Source">How the zone was found; null when nothing is known.</param>
/// <param name="Candidates">
/// Every zone the claimant may be in — more than one when the phone's area code spans zones. Pass them all to
/// <see cref="QuietHours.NextAllowed(DateTimeOffset, IReadOnlyCollection{string}, string?)"/> so a text is sent only
/// while it is daytime in all of them.
/// </param>
public sealed record ClaimantTimeZoneResult(string? TimeZoneId, string? Source, IReadOnlyList<string> Candidates)
{
    public static ClaimantTimeZoneResult Unknown { get; } = new(null, null, []);

    public bool IsKnown => TimeZoneId is not null;
}
