namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>The appointment booked, or null with why none could be (in words an operator reads, without PHI).</summary>
public sealed record BookingResult(CaseAppointment? Appointment, string Explanation);
