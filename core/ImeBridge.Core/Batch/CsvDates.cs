using System.Globalization;

namespace ImeBridge.Core.Batch;

/// <summary>Reads partner dates with .NET custom formats; a time part, if the format has one, is dropped.</summary>
internal static class CsvDates
{
    private static readonly DateOnly Probe = new(2026, 3, 9);

    public static bool TryParse(string value, string[] formats, out DateOnly date)
    {
        // The clock date as written: a time zone in the value must not move the day.
        if (DateTimeOffset.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            date = DateOnly.FromDateTime(parsed.DateTime);
            return true;
        }

        date = default;
        return false;
    }

    /// <summary>Whether <paramref name="format"/> names a year, a month and a day, and reads back what it writes.</summary>
    public static bool IsUsable(string format)
    {
        if (string.IsNullOrWhiteSpace(format) || format.Length < 2)
        {
            return false;
        }

        var outsideQuotes = StripLiterals(format);
        if (!outsideQuotes.Contains('y', StringComparison.Ordinal)
            || !outsideQuotes.Contains('M', StringComparison.Ordinal)
            || !outsideQuotes.Contains('d', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            var written = new DateTimeOffset(Probe, TimeOnly.MinValue, TimeSpan.Zero).ToString(format, CultureInfo.InvariantCulture);
            return TryParse(written, [format], out var read) && read == Probe;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string StripLiterals(string format)
    {
        var kept = new System.Text.StringBuilder(format.Length);
        char? quote = null;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '\\')
            {
                i++;
            }
            else
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }
}
