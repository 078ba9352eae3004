namespace ImeBridge.Core.Rules;

/// <summary>Pure date arithmetic for notice periods and deadlines.</summary>
public static class DayPeriods
{
    /// <summary>
    /// The earliest exam date when notice goes out on <paramref name="noticeSent"/> and must precede the exam by the period.
    /// Counting back from the exam excludes the exam day, so a notice sent on a weekend or holiday counts
    /// from the next business day: an exam is allowed only if the Nth business day before it is on or after the notice.
    /// </summary>
    public static DateOnly EarliestAfterNotice(DateOnly noticeSent, DayPeriodRule notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.Count == DayCount.Business
            ? BusinessDays.AddBusinessDays(BusinessDays.OnOrAfter(noticeSent), notice.Days)
            : noticeSent.AddDays(notice.Days);
    }

    /// <summary>
    /// The due date <paramref name="deadline"/> after <paramref name="start"/>. A calendar deadline landing on a weekend
    /// is not pushed to the next business day: the earlier date is the safe one to work to.
    /// </summary>
    public static DateOnly DueAfter(DateOnly start, DayPeriodRule deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return deadline.Count == DayCount.Business
            ? BusinessDays.AddBusinessDays(start, deadline.Days)
            : start.AddDays(deadline.Days);
    }
}
