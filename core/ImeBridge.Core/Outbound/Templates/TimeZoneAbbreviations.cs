using System.Collections.Frozen;
using ImeBridge.Core.Outbound.Timing;

namespace ImeBridge.Core.Outbound.Templates;

/// <summary>
/// The abbreviation a US reader expects after a time (EST, PDT). The runtime's zone names depend on ICU, which this
/// app runs without, so the US zones are listed here; any other zone shows its IANA id.
/// </summary>
public static class TimeZoneAbbreviations
{
    private static readonly FrozenDictionary<string, (string Standard, string Daylight)> Names = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["America/New_York"] = ("EST", "EDT"),
        ["America/Detroit"] = ("EST", "EDT"),
        ["America/Indiana/Indianapolis"] = ("EST", "EDT"),
        ["America/Kentucky/Louisville"] = ("EST", "EDT"),
        ["America/Chicago"] = ("CST", "CDT"),
        ["America/Denver"] = ("MST", "MDT"),
        ["America/Boise"] = ("MST", "MDT"),
        ["America/Phoenix"] = ("MST", "MST"),
        ["America/Los_Angeles"] = ("PST", "PDT"),
        ["America/Anchorage"] = ("AKST", "AKDT"),
        ["America/Adak"] = ("HST", "HDT"),
        ["Pacific/Honolulu"] = ("HST", "HST"),
        ["America/Puerto_Rico"] = ("AST", "AST"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string For(string ianaTimeZone, DateTimeOffset instant)
    {
        var zone = QuietHours.Zone(ianaTimeZone);
        return Names.TryGetValue(zone.Id, out var names)
            ? zone.IsDaylightSavingTime(instant) ? names.Daylight : names.Standard
            : zone.Id;
    }
}
