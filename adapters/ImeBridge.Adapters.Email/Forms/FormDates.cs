using System.Globalization;
using System.Text.RegularExpressions;

namespace ImeBridge.Adapters.Email.Forms;

/// <summary>
/// Dates as people write them in US referral letters: <c>03/14/1979</c> (month first), <c>3-14-1979</c>,
/// <c>1979-03-14</c>, <c>June 3, 2026</c>, <c>Jun 3rd 2026</c>, <c>3 June 2026</c>. Read into <c>YYYY-MM-DD</c>.
/// Two-digit years are not guessed.
/// </summary>
internal static partial class FormDates
{
    private static readonly string[] Formats =
    [
        "M/d/yyyy", "M-d-yyyy", "M.d.yyyy", "yyyy-M-d", "yyyy/M/d",
        "MMMM d yyyy", "MMM d yyyy", "d MMMM yyyy", "d MMM yyyy",
    ];

    public static bool TryParse(string value, out string isoDate)
    {
        ArgumentNullException.ThrowIfNull(value);
        var found = DateLike().Match(value);
        if (found.Success)
        {
            var text = Ordinal().Replace(found.Value.Replace(",", " ", StringComparison.Ordinal), "$1");
            text = Spaces().Replace(September().Replace(text, "Sep"), " ").Replace(". ", " ", StringComparison.Ordinal).Trim();
            if (DateOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
            {
                isoDate = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return true;
            }
        }

        isoDate = "";
        return false;
    }

    [GeneratedRegex(
        @"\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}[/\-.]\d{1,2}[/\-.]\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}",
        RegexOptions.IgnoreCase)]
    private static partial Regex DateLike();

    [GeneratedRegex(@"(\d)(st|nd|rd|th)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ordinal();

    // .NET knows "Sep" and "September", not the common "Sept".
    [GeneratedRegex(@"\bSept\b", RegexOptions.IgnoreCase)]
    private static partial Regex September();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
