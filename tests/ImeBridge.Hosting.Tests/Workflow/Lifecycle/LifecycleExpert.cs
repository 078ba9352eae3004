using ImeBridge.Core.Experts;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Workflow.Lifecycle;

/// <summary>The one examiner of the lifecycle test: the Albany orthopaedic surgeon, placed on the map, with a morning slot on weekdays from two weeks out.</summary>
internal static class LifecycleExpert
{
    public const string Npi = TestExperts.Npi;

    public static Expert Create(DateTimeOffset now)
    {
        var slots = Enumerable.Range(14, 30)
            .Select(day => new DateTimeOffset(now.UtcDateTime.Date.AddDays(day).AddHours(15), TimeSpan.Zero))
            .Where(start => start.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .ToList();
        return TestExperts.AlbanyOrthopaedist([.. slots]) with
        {
            Offices = [new ExpertOffice(TestExperts.OfficeId, "5 State St", "Albany", "NY", "12207", 42.6497, -73.7527, "America/New_York")],
            CapacityPerDay = 4,
        };
    }
}
