namespace ImeBridge.Core.Experts;

/// <summary>
/// An independent medical examiner in the directory. Stored and exchanged as camelCase JSON (<see cref="ExpertJson"/>).
/// An expert's own name and office addresses are not claimant PHI, but they are still never logged: log the id.
/// </summary>
public sealed record Expert
{
    /// <summary>Stable id, <c>npi:</c> + the NPI unless the source gives its own (<see cref="ExpertIds.FromNpi"/>).</summary>
    public required string ExpertId { get; init; }

    /// <summary>Display name, e.g. "Dana R. Whitfield, MD".</summary>
    public required string Name { get; init; }

    /// <summary>National Provider Identifier, 10 digits with a valid check digit.</summary>
    public required string Npi { get; init; }

    /// <summary>Where the expert's office receives the case packet link; null when only an operator contacts them.</summary>
    public string? Email { get; init; }

    /// <summary>NUCC provider taxonomy codes with their readable names; at least one.</summary>
    public IReadOnlyList<ExpertSpecialty> Specialties { get; init; } = [];

    /// <summary>Certifying boards, free text (e.g. "ABOS", "American Board of Psychiatry and Neurology").</summary>
    public IReadOnlyList<string> BoardCertifications { get; init; } = [];

    /// <summary>Two-letter US states (and DC, PR) where the expert holds a licence; at least one.</summary>
    public IReadOnlyList<string> LicensedStates { get; init; } = [];

    /// <summary>The group or practice the expert works for, for conflict-of-interest checks.</summary>
    public ExpertPractice? Practice { get; init; }

    /// <summary>Where the expert examines.</summary>
    public IReadOnlyList<ExpertOffice> Offices { get; init; } = [];

    /// <summary>BCP-47 tags of the languages the expert examines in (en, es, zh-Hant).</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Open exam slots, each at one of <see cref="Offices"/>.</summary>
    public IReadOnlyList<AvailabilitySlot> AvailabilitySlots { get; init; } = [];

    /// <summary>How many exams a day the expert takes at most; null when not stated.</summary>
    public int? CapacityPerDay { get; init; }

    /// <summary>Days from exam to report for recent reports, most recent first.</summary>
    public IReadOnlyList<int> RecentTurnaroundDays { get; init; } = [];

    /// <summary>Average report turnaround in days when the source gives it instead of (or besides) the history.</summary>
    public double? AverageTurnaroundDays { get; init; }

    /// <summary>Whether the expert takes new referrals.</summary>
    public bool Active { get; init; } = true;

    /// <summary><see cref="AverageTurnaroundDays"/>, else the mean of <see cref="RecentTurnaroundDays"/>, else null.</summary>
    public double? TypicalTurnaroundDays() =>
        AverageTurnaroundDays ?? (RecentTurnaroundDays.Count > 0 ? RecentTurnaroundDays.Average() : null);
}
