using ImeBridge.Core.Experts;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>The examiner the workflow tests match the sample referral to: an orthopaedic surgeon licensed in New York, office in Albany.</summary>
internal static class TestExperts
{
    public const string Npi = "1748512369";
    public const string ExpertId = "npi:" + Npi;
    public const string OfficeId = "alb";

    /// <summary>A slot far enough ahead for any state's notice period (14:00 UTC is the same date in New York).</summary>
    public static readonly DateTimeOffset FarSlot = new(2027, 3, 15, 14, 0, 0, TimeSpan.Zero);

    public static Expert AlbanyOrthopaedist(params DateTimeOffset[] slots) => new()
    {
        ExpertId = ExpertId,
        Name = "Dana R. Whitfield, MD",
        Npi = Npi,
        Specialties = [new ExpertSpecialty("207X00000X", "Orthopaedic Surgery")],
        LicensedStates = ["NY"],
        Offices = [new ExpertOffice(OfficeId, "5 State St", "Albany", "NY", "12207", null, null, "America/New_York")],
        Languages = ["en"],
        AvailabilitySlots = [.. slots.Select(s => new AvailabilitySlot(s, 60, OfficeId))],
    };
}
