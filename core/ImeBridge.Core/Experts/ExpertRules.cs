using System.Text.RegularExpressions;
using ImeBridge.Core.Validation;

namespace ImeBridge.Core.Experts;

/// <summary>
/// Checks of single expert values. Each returns why the value is refused, or null when it is fine. A reason
/// never quotes the value.
/// </summary>
internal static partial class ExpertRules
{
    public const int MaxSlotMinutes = 24 * 60;
    public const int MaxTurnaroundDays = 365;

    public static string? Npi(string npi) =>
        npi.Length != 10 || !npi.All(char.IsAsciiDigit) ? "must be 10 digits"
        : !Validation.Npi.IsValid(npi) ? "is not a valid NPI: the check digit does not match"
        : null;

    public static string? TaxonomyCode(string code) =>
        TaxonomyShape().IsMatch(code) ? null : "is not a NUCC taxonomy code (3 digits, 6 digits or capital letters, then X, e.g. 207X00000X)";

    public static string? State(string state) =>
        UsStates.IsValid(state) ? null : "is not a two-letter US state code";

    public static string? Email(string email) =>
        email.Length <= 254 && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < email.Length - 1 && !email.Any(char.IsWhiteSpace)
            ? null
            : "is not an email address (name@example.com)";

    public static string? Language(string tag) =>
        LanguageShape().IsMatch(tag) ? null : "is not a BCP-47 language tag (en, es, en-US, zh-Hant-TW)";

    public static string? PostalCode(string code) =>
        ZipShape().IsMatch(code) ? null : "must be a US ZIP code, 12345 or 12345-6789";

    public static string? ExpertId(string id) =>
        IdShape().IsMatch(id) ? null : "must be 1 to 64 letters, digits or . _ : - with no spaces";

    /// <summary>An IANA id the system time zone database knows (works with invariant globalization; Windows ids are refused).</summary>
    public static string? TimeZone(string id)
    {
        if (!TimeZoneShape().IsMatch(id))
        {
            return "must be an IANA time zone id such as America/New_York";
        }

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return null;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return "is not a time zone this system knows (use an IANA id such as America/New_York)";
        }
    }

    public static string? Latitude(double value) => value is >= -90 and <= 90 ? null : "must be between -90 and 90";

    public static string? Longitude(double value) => value is >= -180 and <= 180 ? null : "must be between -180 and 180";

    public static string? CapacityPerDay(int value) => value is >= 1 and <= 100 ? null : "must be a whole number from 1 to 100";

    public static string? TurnaroundDays(int value) =>
        value is >= 0 and <= MaxTurnaroundDays ? null : $"must be a whole number of days from 0 to {MaxTurnaroundDays}";

    public static string? AverageTurnaroundDays(double value) =>
        value is >= 0 and <= MaxTurnaroundDays ? null : $"must be a number of days from 0 to {MaxTurnaroundDays}";

    public static string? SlotMinutes(int value) =>
        value is >= 5 and <= MaxSlotMinutes ? null : $"must be a whole number of minutes from 5 to {MaxSlotMinutes}";

    /// <summary>Puts a language tag in its usual case (<c>ES_mx</c> → <c>es-MX</c>) before <see cref="Language"/> checks it.</summary>
    public static string NormalizeLanguage(string tag) => LanguageTags.Normalize(tag);

    [GeneratedRegex("^[0-9]{3}[0-9A-Z]{6}X$", RegexOptions.CultureInvariant)]
    private static partial Regex TaxonomyShape();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageShape();

    [GeneratedRegex("^[0-9]{5}(-[0-9]{4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex ZipShape();

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    [GeneratedRegex("^(UTC|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+){1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeZoneShape();
}
