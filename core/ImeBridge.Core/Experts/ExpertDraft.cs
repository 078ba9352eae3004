namespace ImeBridge.Core.Experts;

/// <summary>An expert as a file states it, before checking: text trimmed, blanks as null, numbers already parsed.</summary>
internal sealed class ExpertDraft
{
    public string? ExpertId { get; set; }

    public string? Npi { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public List<ExpertSpecialty> Specialties { get; } = [];

    public List<string> BoardCertifications { get; } = [];

    public List<string> LicensedStates { get; } = [];

    public string? PracticeId { get; set; }

    public string? PracticeName { get; set; }

    public List<OfficeDraft> Offices { get; } = [];

    public List<string> Languages { get; } = [];

    public List<SlotDraft> Slots { get; } = [];

    public int? CapacityPerDay { get; set; }

    public List<int> RecentTurnaroundDays { get; } = [];

    public double? AverageTurnaroundDays { get; set; }

    public bool? Active { get; set; }
}

/// <summary>An office as a file states it.</summary>
internal sealed record OfficeDraft(
    string? Id,
    string? Line1,
    string? City,
    string? State,
    string? PostalCode,
    double? Latitude,
    double? Longitude,
    string? TimeZone);

/// <summary>A slot as a file states it; <see cref="Start"/> is the text, checked by <see cref="SlotInstants"/>.</summary>
internal sealed record SlotDraft(string? Start, int? DurationMinutes, string? OfficeId);
