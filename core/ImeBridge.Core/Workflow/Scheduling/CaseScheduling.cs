namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// The booked appointment, how often it was moved or missed, and the last few appointments it replaced. The counters
/// mirror the <c>referral.rescheduled</c> and <c>referral.noShow</c> moves on the timeline.
/// </summary>
public sealed record CaseScheduling
{
    /// <summary>How many earlier appointments <see cref="History"/> keeps.</summary>
    public const int HistoryLength = 5;

    /// <summary>The appointment that stands; null before booking and after a release (no-show, cancel, close).</summary>
    public CaseAppointment? Appointment { get; init; }

    public int Reschedules { get; init; }

    public int NoShows { get; init; }

    /// <summary>Earlier appointments, oldest first, at most <see cref="HistoryLength"/>.</summary>
    public IReadOnlyList<PastAppointment> History { get; init; } = [];

    /// <summary>This scheduling with the standing appointment ended (<paramref name="outcome"/>) and moved to the history.</summary>
    public CaseScheduling EndAppointment(string outcome, DateTimeOffset at) => Appointment is not { } ended
        ? this
        : this with { Appointment = null, History = [.. History.Append(new PastAppointment(ended, outcome, at)).TakeLast(HistoryLength)] };
}
