namespace ImeBridge.Core.Experts;

/// <summary>How a file format names the place of a value in an error: a CSV column or a JSON path.</summary>
internal abstract class ExpertFieldNames
{
    /// <summary>A single-valued field: <c>npi</c>.</summary>
    public virtual string Field(string name) => name;

    /// <summary>Item <paramref name="index"/> (0-based) of a multi-valued field, and a prefix for the reason.</summary>
    public abstract (string Column, string ReasonPrefix) Item(string list, int index);

    /// <summary>A field of office <paramref name="index"/> (0-based).</summary>
    public abstract string Office(int index, string field);

    /// <summary>A field of slot <paramref name="index"/> (0-based).</summary>
    public abstract string Slot(int index, string field);

    /// <summary>Where the practice's name is.</summary>
    public abstract string PracticeName { get; }

    /// <summary>The multi-valued field of recent turnaround days.</summary>
    public abstract string RecentTurnaroundDays { get; }

    /// <summary>The code of specialty <paramref name="index"/> (0-based), and a prefix for the reason.</summary>
    public abstract (string Column, string ReasonPrefix) SpecialtyCode(int index);
}

/// <summary>CSV: the column names of <see cref="ExpertCsvColumns"/>; items of a <c>|</c> list are named in the reason.</summary>
internal sealed class CsvFieldNames : ExpertFieldNames
{
    public static CsvFieldNames Instance { get; } = new();

    public override (string Column, string ReasonPrefix) Item(string list, int index) =>
        (list, $"item {(index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)} ");

    public override string Office(int index, string field) => ExpertCsvColumns.OfficeColumn(index, field);

    public override string Slot(int index, string field) => field;

    public override string PracticeName => ExpertCsvColumns.PracticeName;

    public override string RecentTurnaroundDays => ExpertCsvColumns.TurnaroundDays;

    public override (string Column, string ReasonPrefix) SpecialtyCode(int index) => Item(ExpertCsvColumns.Specialties, index);
}

/// <summary>JSON: paths below the expert object, <c>offices[0].timeZone</c>.</summary>
internal sealed class JsonFieldNames : ExpertFieldNames
{
    public static JsonFieldNames Instance { get; } = new();

    public override (string Column, string ReasonPrefix) Item(string list, int index) => ($"{list}[{Index(index)}]", "");

    public override string Office(int index, string field) => $"offices[{Index(index)}].{field}";

    public override string Slot(int index, string field) => $"availabilitySlots[{Index(index)}].{field}";

    public override string PracticeName => "practice.name";

    public override string RecentTurnaroundDays => "recentTurnaroundDays";

    public override (string Column, string ReasonPrefix) SpecialtyCode(int index) => ($"specialties[{Index(index)}].code", "");

    private static string Index(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
