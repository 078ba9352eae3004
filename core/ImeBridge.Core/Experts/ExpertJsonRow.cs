namespace ImeBridge.Core.Experts;

/// <summary>One element of an experts JSON array, as written: everything optional so that every gap can be named.</summary>
internal sealed class ExpertJsonRow
{
    public string? ExpertId { get; set; }

    public string? Npi { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public List<SpecialtyJson?>? Specialties { get; set; }

    public List<string?>? BoardCertifications { get; set; }

    public List<string?>? LicensedStates { get; set; }

    public PracticeJson? Practice { get; set; }

    public List<OfficeJson?>? Offices { get; set; }

    public List<string?>? Languages { get; set; }

    public List<SlotJson?>? AvailabilitySlots { get; set; }

    public int? CapacityPerDay { get; set; }

    public List<int>? RecentTurnaroundDays { get; set; }

    public double? AverageTurnaroundDays { get; set; }

    public bool? Active { get; set; }

    internal sealed class SpecialtyJson
    {
        public string? Code { get; set; }

        public string? Name { get; set; }
    }

    internal sealed class PracticeJson
    {
        public string? Id { get; set; }

        public string? Name { get; set; }
    }

    internal sealed class OfficeJson
    {
        public string? Id { get; set; }

        public string? Line1 { get; set; }

        public string? City { get; set; }

        public string? State { get; set; }

        public string? PostalCode { get; set; }

        public double? Latitude { get; set; }

        public double? Longitude { get; set; }

        public string? TimeZone { get; set; }
    }

    internal sealed class SlotJson
    {
        public string? Start { get; set; }

        public int? DurationMinutes { get; set; }

        public string? OfficeId { get; set; }
    }
}
