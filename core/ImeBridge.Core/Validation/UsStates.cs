using System.Collections.Frozen;

namespace ImeBridge.Core.Validation;

/// <summary>
/// The two-letter codes ImeBridge accepts as a US state (the 50 states, DC and PR) and the IANA time zone most
/// of each one's population lives in. States split across zones get the zone of their larger part (for
/// example FL → America/New_York, TX → America/Chicago, ID → America/Boise); a sender who knows better sends
/// <c>claimant.timeZone</c>.
/// </summary>
public static class UsStates
{
    private static readonly FrozenDictionary<string, string> PrimaryTimeZones = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AL"] = "America/Chicago",
        ["AK"] = "America/Anchorage",
        ["AZ"] = "America/Phoenix",
        ["AR"] = "America/Chicago",
        ["CA"] = "America/Los_Angeles",
        ["CO"] = "America/Denver",
        ["CT"] = "America/New_York",
        ["DE"] = "America/New_York",
        ["DC"] = "America/New_York",
        ["FL"] = "America/New_York",
        ["GA"] = "America/New_York",
        ["HI"] = "Pacific/Honolulu",
        ["ID"] = "America/Boise",
        ["IL"] = "America/Chicago",
        ["IN"] = "America/Indiana/Indianapolis",
        ["IA"] = "America/Chicago",
        ["KS"] = "America/Chicago",
        ["KY"] = "America/New_York",
        ["LA"] = "America/Chicago",
        ["ME"] = "America/New_York",
        ["MD"] = "America/New_York",
        ["MA"] = "America/New_York",
        ["MI"] = "America/Detroit",
        ["MN"] = "America/Chicago",
        ["MS"] = "America/Chicago",
        ["MO"] = "America/Chicago",
        ["MT"] = "America/Denver",
        ["NE"] = "America/Chicago",
        ["NV"] = "America/Los_Angeles",
        ["NH"] = "America/New_York",
        ["NJ"] = "America/New_York",
        ["NM"] = "America/Denver",
        ["NY"] = "America/New_York",
        ["NC"] = "America/New_York",
        ["ND"] = "America/Chicago",
        ["OH"] = "America/New_York",
        ["OK"] = "America/Chicago",
        ["OR"] = "America/Los_Angeles",
        ["PA"] = "America/New_York",
        ["PR"] = "America/Puerto_Rico",
        ["RI"] = "America/New_York",
        ["SC"] = "America/New_York",
        ["SD"] = "America/Chicago",
        ["TN"] = "America/Chicago",
        ["TX"] = "America/Chicago",
        ["UT"] = "America/Denver",
        ["VT"] = "America/New_York",
        ["VA"] = "America/New_York",
        ["WA"] = "America/Los_Angeles",
        ["WV"] = "America/New_York",
        ["WI"] = "America/Chicago",
        ["WY"] = "America/Denver",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every accepted code, upper case.</summary>
    public static IReadOnlyCollection<string> Codes => PrimaryTimeZones.Keys;

    /// <summary>Whether <paramref name="code"/> is an accepted upper-case state code.</summary>
    public static bool IsValid(string? code) => code is not null && PrimaryTimeZones.ContainsKey(code);

    /// <summary>The IANA time zone of the state, or null for an unknown code.</summary>
    public static string? PrimaryTimeZone(string? code) =>
        code is not null && PrimaryTimeZones.TryGetValue(code, out var zone) ? zone : null;
}
