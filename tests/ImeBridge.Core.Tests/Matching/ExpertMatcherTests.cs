using ImeBridge.Core.Experts;
using ImeBridge.Core.Matching;
using ImeBridge.Core.Model;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Core.Tests.Matching;

public sealed class ExpertMatcherTests
{
    private const string Orthopaedics = "207X00000X";

    // Friday 2026-11-20: in New York the 7 business days' notice (Thanksgiving skipped) allow an exam from 2026-12-02.
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero));

    private static Referral Referral(Action<Referral>? change = null)
    {
        var referral = new Referral
        {
            Claimant = new Claimant
            {
                FirstName = "Ana",
                LastName = "Lopez",
                Phone = "+15185550142",
                Address = new PostalAddress { Line1 = "12 Elm St", City = "Albany", State = "NY", PostalCode = "12207" },
            },
            Claim = new Claim { ClaimNumber = "C-1", Jurisdiction = "NY", Icd10Codes = ["S82.201A"] },
            Request = new ExamRequest { ExamType = "ime", Specialty = "Orthopedic surgery", Questions = [new ExamQuestion { Text = "Causation?" }] },
        };
        change?.Invoke(referral);
        return referral;
    }

    private static Expert Expert(string npi, string zip = "10016", string practice = "Metro Ortho", string[]? languages = null, params DateTimeOffset[] slots) => new()
    {
        ExpertId = "npi:" + npi,
        Name = "Dr " + npi,
        Npi = npi,
        Specialties = [new ExpertSpecialty(Orthopaedics, "Orthopaedic Surgery")],
        LicensedStates = ["NY"],
        Practice = new ExpertPractice(null, practice),
        Offices = [new ExpertOffice("main", "1 Main St", "Somewhere", "NY", zip, null, null, "America/New_York")],
        Languages = languages ?? ["en"],
        AvailabilitySlots = [.. slots.Select(s => new AvailabilitySlot(s, 60, "main"))],
    };

    private static DateTimeOffset Slot(int month, int day, int hourUtc = 14) => new(2026, month, day, hourUtc, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_expert_with_the_earliest_slot_that_meets_the_notice_period_is_chosen_and_the_choice_is_explained()
    {
        var tooSoon = Expert("1000000001", slots: Slot(12, 1));
        var first = Expert("1000000002", slots: [Slot(11, 30), Slot(12, 3)]);
        var later = Expert("1000000003", slots: Slot(12, 8));
        var matcher = new ExpertMatcher(new ListDirectory(tooSoon, first, later), Clock);

        var result = await matcher.MatchAsync(Referral(), CancellationToken.None);

        Assert.Equal("npi:1000000002", result.Chosen!.Expert.ExpertId);
        Assert.Equal(Slot(12, 3), result.Chosen.Slot!.Start);
        Assert.Contains("chose npi:1000000002", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("first slot 2026-12-03 09:00 America/New_York", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("exam on or after 2026-12-02", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("licensed in NY", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_treating_physician_and_their_practice_are_never_chosen()
    {
        var treating = Expert("1000000011", practice: "Capital Bone & Joint", slots: Slot(12, 3));
        var colleague = Expert("1000000012", practice: "capital bone & joint", slots: Slot(12, 4));
        var independent = Expert("1000000013", practice: "Metro Ortho", slots: Slot(12, 9));
        var matcher = new ExpertMatcher(new ListDirectory(treating, colleague, independent), Clock);

        var result = await matcher.MatchAsync(Referral(r => r.Request.TreatingPhysician = new TreatingPhysician { Npi = "1000000011" }), CancellationToken.None);

        Assert.Equal("npi:1000000013", result.Chosen!.Expert.ExpertId);
        Assert.Contains("1 is the treating physician", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("1 shares the treating physician's practice", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claimant_who_speaks_spanish_gets_a_spanish_speaker_unless_an_interpreter_is_booked()
    {
        var english = Expert("1000000021", slots: Slot(12, 3));
        var spanish = Expert("1000000022", languages: ["en", "es"], slots: Slot(12, 10));
        var matcher = new ExpertMatcher(new ListDirectory(english, spanish), Clock);

        var withoutInterpreter = await matcher.MatchAsync(Referral(r => r.Claimant.PreferredLanguage = "es-US"), CancellationToken.None);
        var withInterpreter = await matcher.MatchAsync(Referral(r => { r.Claimant.PreferredLanguage = "es"; r.Claimant.InterpreterNeeded = true; }), CancellationToken.None);

        Assert.Equal("npi:1000000022", withoutInterpreter.Chosen!.Expert.ExpertId);
        Assert.Equal("npi:1000000021", withInterpreter.Chosen!.Expert.ExpertId);
    }

    [Fact]
    public async Task On_the_same_slot_the_office_nearer_the_claimant_wins_and_the_explanation_gives_the_miles()
    {
        var manhattan = Expert("1000000031", zip: "10016", slots: Slot(12, 3));
        var albany = Expert("1000000032", zip: "12208", slots: Slot(12, 3));
        var matcher = new ExpertMatcher(new ListDirectory(manhattan, albany), Clock);

        var result = await matcher.MatchAsync(Referral(), CancellationToken.None);

        Assert.Equal("npi:1000000032", result.Chosen!.Expert.ExpertId);
        Assert.Equal(3.2, result.Chosen.Miles!.Value, 0.5);
        Assert.Contains("office main 3 mi from the claimant", result.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("12207", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Between_two_offices_outside_the_claimants_zip_area_in_the_same_state_the_fewer_miles_win()
    {
        // Both in NY and outside Albany's 122 area, so by postal area they tie; Syracuse would win on its id.
        var syracuse = Expert("1000000033", zip: "13202", slots: Slot(12, 3));
        var saratoga = Expert("1000000034", zip: "12866", slots: Slot(12, 3));
        var matcher = new ExpertMatcher(new ListDirectory(syracuse, saratoga), Clock);

        var result = await matcher.MatchAsync(Referral(), CancellationToken.None);

        Assert.Equal("npi:1000000034", result.Chosen!.Expert.ExpertId);
        Assert.Contains("office main 29 mi from the claimant", result.Explanation, StringComparison.Ordinal);
        Assert.Equal(124.6, result.Candidates.Single(c => c.Expert.ExpertId == "npi:1000000033").Miles!.Value, 0.5);
    }

    [Fact]
    public async Task An_earlier_slot_still_beats_a_nearer_office()
    {
        var syracuseSooner = Expert("1000000035", zip: "13202", slots: Slot(12, 3));
        var albanyLater = Expert("1000000036", zip: "12208", slots: Slot(12, 4));
        var matcher = new ExpertMatcher(new ListDirectory(syracuseSooner, albanyLater), Clock);

        var result = await matcher.MatchAsync(Referral(), CancellationToken.None);

        Assert.Equal("npi:1000000035", result.Chosen!.Expert.ExpertId);
    }

    [Fact]
    public async Task Office_coordinates_from_the_directory_are_used_before_the_office_zip()
    {
        // The directory places the 10016 office in Albany (42.65, -73.76): its coordinates win over its ZIP.
        var placed = Expert("1000000037", zip: "10016", slots: Slot(12, 3));
        placed = placed with { Offices = [placed.Offices[0] with { Latitude = 42.65, Longitude = -73.76 }] };
        var saratoga = Expert("1000000038", zip: "12866", slots: Slot(12, 3));
        var matcher = new ExpertMatcher(new ListDirectory(placed, saratoga), Clock);

        var result = await matcher.MatchAsync(Referral(), CancellationToken.None);

        Assert.Equal("npi:1000000037", result.Chosen!.Expert.ExpertId);
        Assert.True(result.Chosen.Miles < 2);
    }

    [Fact]
    public async Task When_the_claimants_zip_is_unknown_the_zip_area_decides_and_the_explanation_says_so()
    {
        var manhattan = Expert("1000000039", zip: "10016", slots: Slot(12, 3));
        var albany = Expert("1000000040", zip: "12208", slots: Slot(12, 3));
        var matcher = new ExpertMatcher(new ListDirectory(manhattan, albany), Clock);

        // 12201 is an Albany post-office-box ZIP: no ZCTA, so no centroid.
        var result = await matcher.MatchAsync(Referral(r => r.Claimant.Address!.PostalCode = "12201"), CancellationToken.None);

        Assert.Equal("npi:1000000040", result.Chosen!.Expert.ExpertId);
        Assert.Null(result.Chosen.Miles);
        Assert.Equal(Proximity.SameZipArea, result.Chosen.Proximity);
        Assert.Contains("office in the claimant's ZIP area (no distance", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_slot_the_nearest_office_is_named_with_its_miles()
    {
        var noSlots = Expert("1000000042", zip: "12208");
        var matcher = new ExpertMatcher(new ListDirectory(noSlots), Clock);

        var result = await matcher.MatchAsync(Referral(), CancellationToken.None);

        Assert.Contains("nearest office main 3 mi from the claimant", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_licensed_expert_of_the_specialty_nobody_is_chosen_and_the_explanation_says_what_was_needed()
    {
        var matcher = new ExpertMatcher(new ListDirectory(), Clock);

        var result = await matcher.MatchAsync(Referral(), CancellationToken.None);

        Assert.Null(result.Chosen);
        Assert.StartsWith("no expert qualifies. Needed: Orthopaedic Surgery (207X00000X, asked for by the referrer), licensed in NY", result.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Lopez", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_specialty_asked_for_the_injury_chooses_it()
    {
        var matcher = new ExpertMatcher(new ListDirectory(Expert("1000000041", slots: Slot(12, 3))), Clock);

        var result = await matcher.MatchAsync(Referral(r => r.Request.Specialty = null), CancellationToken.None);

        Assert.Equal("npi:1000000041", result.Chosen!.Expert.ExpertId);
        Assert.Contains("from the injury by rule", result.Explanation, StringComparison.Ordinal);
    }
}
