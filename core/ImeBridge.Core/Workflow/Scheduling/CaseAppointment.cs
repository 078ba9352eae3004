namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>A booked exam: the slot (an instant in UTC) and where, the office's local date and time, and the notice rule it meets.</summary>
/// <param name="TimeZone">The office's IANA time zone; <paramref name="LocalDate"/> and <paramref name="LocalTime"/> are in it.</param>
/// <param name="NoticeRuleId">Which notice rule the date meets (<c>ny-notice</c>, <c>default-notice</c>).</param>
/// <param name="NoticeCitation">The statute or regulation of that rule.</param>
public sealed record CaseAppointment(
    string ExpertId,
    string OfficeId,
    DateTimeOffset Start,
    int DurationMinutes,
    string TimeZone,
    DateOnly LocalDate,
    TimeOnly LocalTime,
    string NoticeRuleId,
    string NoticeCitation,
    DateTimeOffset BookedAt);
