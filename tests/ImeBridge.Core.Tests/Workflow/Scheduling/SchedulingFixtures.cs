using ImeBridge.Core.Experts;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Case;

namespace ImeBridge.Core.Tests.Workflow.Scheduling;

/// <summary>A New York referral matched to one expert, and that expert with slots at an Albany office.</summary>
internal static class SchedulingFixtures
{
    public const string ExpertId = "npi:1000000002";

    /// <summary>Friday 2026-11-20, 10:00 in New York: 7 business days' notice (Thanksgiving skipped) allow an exam from 2026-12-02.</summary>
    public static readonly DateTimeOffset FridayMorning = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    /// <summary>An instant given as New York wall time in winter (UTC−5).</summary>
    public static DateTimeOffset NewYork(int month, int day, int hour, int year = 2026) => new(year, month, day, hour + 5, 0, 0, TimeSpan.Zero);

    public static Expert Expert(int? capacityPerDay = null, params DateTimeOffset[] slots) => new()
    {
        ExpertId = ExpertId,
        Name = "Dr Example",
        Npi = "1000000002",
        LicensedStates = ["NY"],
        Offices = [new ExpertOffice("alb", "5 State St", "Albany", "NY", "12207", null, null, "America/New_York")],
        AvailabilitySlots = [.. slots.Select(s => new AvailabilitySlot(s, 60, "alb"))],
        CapacityPerDay = capacityPerDay,
    };

    public static StoredReferral Stored(string referralId = "ref-1", string status = ReferralStatus.DocumentsReady, DateOnly? dueDate = null, string jurisdiction = "NY", IReadOnlyList<TimelineEntry>? timeline = null, ReferralCase? referralCase = null)
    {
        var referral = new Referral
        {
            ReferralId = referralId,
            Claim = new Claim { ClaimNumber = "C-1", Jurisdiction = jurisdiction },
            Request = new ExamRequest { ExamType = "ime", Specialty = "Orthopedic surgery", DueDate = dueDate },
        };
        return new StoredReferral(referralId, "demo", status, referral, timeline ?? [])
        {
            Case = referralCase ?? new ReferralCase { Match = new CaseMatch(ExpertId, "1000000002", "207X00000X", "alb", null, FridayMorning) },
        };
    }

    public static TimelineEntry Entry(string eventName) => new(FridayMorning, eventName);
}
