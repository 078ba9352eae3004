using System.Globalization;

namespace ImeBridge.Core.Experts;

/// <summary>Reads a slot's start: ISO-8601 with seconds optional and an explicit <c>Z</c> or offset, kept in UTC.</summary>
internal static class SlotInstants
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public const string Reason = "must be an ISO-8601 instant with Z or an offset, e.g. 2026-12-01T14:00:00Z or 2026-12-01T09:00:00-05:00";

    public static bool TryParse(string text, out DateTimeOffset start)
    {
        start = default;
        var hasZone = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasZone || !DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        start = parsed.ToUniversalTime();
        return true;
    }
}
