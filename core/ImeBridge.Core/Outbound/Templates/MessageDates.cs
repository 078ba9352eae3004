using System.Globalization;

namespace ImeBridge.Core.Outbound.Templates;

/// <summary>
/// Dates and times in the recipient's language ("martes, 8 de diciembre de 2026"). Written out here because the app
/// runs with invariant globalization, where the runtime knows no month names but English.
/// </summary>
public static class MessageDates
{
    private static readonly string[] SpanishDays = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"];

    private static readonly string[] SpanishMonths =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    public static string LongDate(DateOnly date, string language) => language == "es"
        ? string.Create(CultureInfo.InvariantCulture, $"{SpanishDays[(int)date.DayOfWeek]}, {date.Day} de {SpanishMonths[date.Month - 1]} de {date.Year}")
        : date.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time, string language)
    {
        var hour = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        var half = language == "es"
            ? (time.Hour < 12 ? "a. m." : "p. m.")
            : (time.Hour < 12 ? "AM" : "PM");
        return string.Create(CultureInfo.InvariantCulture, $"{hour}:{time.Minute:00} {half}");
    }
}
