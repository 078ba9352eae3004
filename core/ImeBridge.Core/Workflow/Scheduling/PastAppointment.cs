namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>An appointment that no longer stands, and why: <c>Rescheduled</c>, <c>NoShow</c>, <c>Cancelled</c>, <c>Closed</c> …</summary>
public sealed record PastAppointment(CaseAppointment Appointment, string Outcome, DateTimeOffset EndedAt);
