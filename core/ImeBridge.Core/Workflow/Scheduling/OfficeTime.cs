namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>An instant as the office sees it: notice periods and daily capacity count the office's local date.</summary>
public static class OfficeTime
{
    /// <param name="timeZone">IANA time zone id (America/New_York).</param>
    public static DateTime Local(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime;

    public static DateOnly LocalDate(DateTimeOffset instant, string timeZone) => DateOnly.FromDateTime(Local(instant, timeZone));
}
