using System.Globalization;
using System.Text.RegularExpressions;

namespace ImeBridge.Core.Experts;

/// <summary>The columns of an experts CSV (docs/experts.md). Header names are matched ignoring case.</summary>
internal static partial class ExpertCsvColumns
{
    public const string ExpertId = "expertId";
    public const string Npi = "npi";
    public const string Name = "name";
    public const string Email = "email";
    public const string Specialties = "specialties";
    public const string BoardCertifications = "boardCertifications";
    public const string LicensedStates = "licensedStates";
    public const string PracticeId = "practiceId";
    public const string PracticeName = "practiceName";
    public const string Languages = "languages";
    public const string CapacityPerDay = "capacityPerDay";
    public const string TurnaroundDays = "turnaroundDays";
    public const string AverageTurnaroundDays = "averageTurnaroundDays";
    public const string Active = "active";

    /// <summary>The fields of an office; the columns are <c>office</c> + field (first office), <c>office2</c> + field, …</summary>
    public static readonly string[] OfficeFields = ["id", "line1", "city", "state", "postalCode", "latitude", "longitude", "timeZone"];

    public static readonly string[] Single =
    [
        ExpertId, Npi, Name, Email, Specialties, BoardCertifications, LicensedStates, PracticeId, PracticeName,
        Languages, CapacityPerDay, TurnaroundDays, AverageTurnaroundDays, Active,
    ];

    public static readonly string[] Required = [Npi, Name, Specialties, LicensedStates];

    /// <summary>The column of <paramref name="field"/> of office <paramref name="index"/> (0-based): <c>officeTimeZone</c>, <c>office2TimeZone</c>.</summary>
    public static string OfficeColumn(int index, string field) =>
        "office" + (index == 0 ? "" : (index + 1).ToString(CultureInfo.InvariantCulture)) + char.ToUpperInvariant(field[0]) + field[1..];

    /// <summary>The canonical name of a header cell, or null when it is not an experts column.</summary>
    public static string? Canonical(string header)
    {
        var trimmed = header.Trim();
        var single = Single.FirstOrDefault(c => string.Equals(c, trimmed, StringComparison.OrdinalIgnoreCase));
        if (single is not null)
        {
            return single;
        }

        var office = OfficeHeader().Match(trimmed);
        if (!office.Success)
        {
            return null;
        }

        var number = office.Groups["n"].Value;
        if (number.StartsWith('0') || number == "1")
        {
            return null;
        }

        var index = number.Length == 0 ? 0 : int.Parse(number, CultureInfo.InvariantCulture) - 1;
        var field = OfficeFields.FirstOrDefault(f => string.Equals(f, office.Groups["field"].Value, StringComparison.OrdinalIgnoreCase));
        return field is null ? null : OfficeColumn(index, field);
    }

    /// <summary>The office index and field of a canonical office column, or null for another column.</summary>
    public static (int Index, string Field)? ParseOffice(string column)
    {
        var office = OfficeHeader().Match(column);
        if (!office.Success)
        {
            return null;
        }

        var number = office.Groups["n"].Value;
        var index = number.Length == 0 ? 0 : int.Parse(number, CultureInfo.InvariantCulture) - 1;
        var field = OfficeFields.First(f => string.Equals(f, office.Groups["field"].Value, StringComparison.OrdinalIgnoreCase));
        return (index, field);
    }

    [GeneratedRegex("^office(?<n>[0-9]{0,2})(?<field>[A-Za-z][A-Za-z0-9]*)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OfficeHeader();
}
