using ImeBridge.Core.Ports;
using ImeBridge.Hosting.Workflow;

namespace ImeBridge.Hosting;

/// <summary>The booked exam as the referrer reads it: when (instant, and the office's local date and time) and with whom.</summary>
public sealed record AppointmentView(DateTimeOffset Start, DateOnly LocalDate, TimeOnly LocalTime, string TimeZone, int DurationMinutes, string ExpertId, string OfficeId);

/// <summary>One report or addendum received: whether it passed QA, and where the referrer downloads it.</summary>
public sealed record ReportVersionView(int Version, string Kind, DateTimeOffset ReceivedAt, bool QaPassed, bool Approved, string Href);

internal static class WorkflowProgressView
{
    public static AppointmentView? Appointment(StoredReferral stored) =>
        stored.Case.Scheduling?.Appointment is { } a
            ? new AppointmentView(a.Start, a.LocalDate, a.LocalTime, a.TimeZone, a.DurationMinutes, a.ExpertId, a.OfficeId)
            : null;

    public static IReadOnlyList<ReportVersionView>? Reports(StoredReferral stored)
    {
        if (stored.Case.Reports is not { Versions.Count: > 0 } reports)
        {
            return null;
        }

        var approved = reports.Approval?.Versions ?? [];
        return [.. reports.Versions.Select(v => new ReportVersionView(v.Version, v.Kind, v.ReceivedAt, v.Qa.Passed, approved.Contains(v.Version), ReportReadApi.Location(stored.ReferralId, v.Version)))];
    }
}
