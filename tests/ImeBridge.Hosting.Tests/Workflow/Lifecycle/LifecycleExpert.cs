using ImeBridge.Core.Experts;

namespace ImeBridge.Hosting.Tests.Workflow.Lifecycle;

/// <summary>The one examiner of the lifecycle test: an Albany orthopaedic surgeon with a morning slot on weekdays from two weeks out.</summary>
internal static class LifecycleExpert
{
    public const string Npi = "1748512369";

    public static Expert Create(DateTimeOffset now)
    {
        var slots = Enumerable.Range(14, 30)
            .Select(day => new DateTimeOffset(now.UtcDateTime.Date.AddDays(day).AddHours(15), TimeSpan.Zero))
            .Where(start => start.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .Select(start => new AvailabilitySlot(start, 60, "alb"))
            .ToList();
        return new Expert
        {
            ExpertId = ExpertIds.FromNpi(Npi),
            Name = "Dana R. Whitfield, MD",
            Npi = Npi,
            Specialties = [new ExpertSpecialty("207X00000X", "Orthopaedic Surgery")],
            LicensedStates = ["NY"],
            Offices = [new ExpertOffice("alb", "5 State St", "Albany", "NY", "12207", 42.6497, -73.7527, "America/New_York")],
            Languages = ["en"],
            AvailabilitySlots = slots,
            CapacityPerDay = 4,
        };
    }
}
