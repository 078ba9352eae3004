using ImeBridge.Core.Rules;

namespace ImeBridge.Core.Outbound.Timing;

/// <summary>
/// When a text may reach a claimant: the allowed window of <see cref="QuietHourRules"/> (TCPA 08:00–21:00, stricter
/// where the claimant's state sets it) applied in the claimant's own local time. A message that falls in quiet hours
/// waits for the window's start on the same or next local day, so the answer is always a real instant, across DST too.
/// </summary>
public static class QuietHours
{
    /// <summary>The most a spring-forward gap can push a window start; US gaps are one hour.</summary>
    private static readonly TimeSpan LongestGap = TimeSpan.FromHours(3);

    /// <param name="ianaTimeZone">The claimant's IANA time zone (America/Chicago).</param>
    /// <param name="state">The claimant's two-letter state; null or unknown uses the federal window.</param>
    public static bool IsAllowed(DateTimeOffset candidate, string ianaTimeZone, string? state) =>
        !QuietHourRules.Embedded.For(state).IsQuiet(TimeOnly.FromDateTime(Local(candidate, Zone(ianaTimeZone))));

    /// <summary>True when <paramref name="candidate"/> is allowed in every one of <paramref name="ianaTimeZones"/>.</summary>
    public static bool IsAllowed(DateTimeOffset candidate, IReadOnlyCollection<string> ianaTimeZones, string? state) =>
        ianaTimeZones.All(zone => IsAllowed(candidate, zone, state));

    /// <summary><paramref name="candidate"/> when it is allowed, else the next allowed moment.</summary>
    public static DateTimeOffset NextAllowed(DateTimeOffset candidate, string ianaTimeZone, string? state)
    {
        var zone = Zone(ianaTimeZone);
        var rule = QuietHourRules.Embedded.For(state);
        var local = Local(candidate, zone);
        var time = TimeOnly.FromDateTime(local);
        if (!rule.IsQuiet(time))
        {
            return candidate;
        }

        var day = DateOnly.FromDateTime(local);
        if (time >= rule.AllowedUntil)
        {
            day = day.AddDays(1);
        }

        return Instant(day.ToDateTime(rule.AllowedFrom), zone);
    }

    /// <summary>
    /// The next moment allowed in every zone at once — for a phone number whose area code spans zones, where only
    /// the intersection of the windows is certain to be daytime for the claimant.
    /// </summary>
    public static DateTimeOffset NextAllowed(DateTimeOffset candidate, IReadOnlyCollection<string> ianaTimeZones, string? state)
    {
        ArgumentNullException.ThrowIfNull(ianaTimeZones);
        if (ianaTimeZones.Count == 0)
        {
            throw new ArgumentException("at least one time zone is required", nameof(ianaTimeZones));
        }

        // Each step only moves forward to some zone's window start; US zones overlap by hours, so a few rounds settle.
        var moment = candidate;
        for (var round = 0; round < 8; round++)
        {
            var before = moment;
            foreach (var zone in ianaTimeZones)
            {
                moment = NextAllowed(moment, zone, state);
            }

            if (moment == before)
            {
                return moment;
            }
        }

        throw new InvalidOperationException($"the allowed windows of {string.Join(", ", ianaTimeZones)} never overlap");
    }

    /// <summary>The zone for an IANA id, with an answer that names the id when it is unknown.</summary>
    public static TimeZoneInfo Zone(string ianaTimeZone)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ianaTimeZone);
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ianaTimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"'{ianaTimeZone}' is not a known IANA time zone", nameof(ianaTimeZone), ex);
        }
    }

    private static DateTime Local(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>
    /// The instant a local wall-clock time names. In a spring-forward gap the time does not exist: the first moment
    /// after the gap is taken. In a fall-back overlap it exists twice: the earlier instant is taken.
    /// </summary>
    internal static DateTimeOffset Instant(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var limit = wall + LongestGap;
        while (zone.IsInvalidTime(wall) && wall < limit)
        {
            wall = wall.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(wall)
            ? zone.GetAmbiguousTimeOffsets(wall).Max()
            : zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset);
    }
}
