using ImeBridge.Core.Experts;
using static ImeBridge.Core.Tests.Experts.ExpertFiles;

namespace ImeBridge.Core.Tests.Experts;

public sealed class ExpertJsonReadingTests
{
    [Fact]
    public async Task The_sample_json_reads_eight_experts_with_their_slots()
    {
        var read = await SampleJson();

        Assert.Empty(read.Errors);
        Assert.Equal(8, read.Experts.Count);
        var whitfield = Assert.Single(read.Experts, e => e.Npi == "1748512369");
        Assert.Equal(3, whitfield.AvailabilitySlots.Count);
        Assert.Equal(new AvailabilitySlot(new DateTimeOffset(2026, 12, 9, 18, 0, 0, TimeSpan.Zero), 90, "hackensack"), whitfield.AvailabilitySlots[2]);
        Assert.Equal(24.5, Assert.Single(read.Experts, e => e.Npi == "1582049361").TypicalTurnaroundDays());
    }

    [Fact]
    public async Task The_sample_json_and_csv_describe_the_same_experts_apart_from_slots()
    {
        var json = await SampleJson();
        var csv = await SampleCsv();

        var fromJson = json.Experts.Select(e => ExpertJson.Serialize(e with { AvailabilitySlots = [] }));
        var fromCsv = csv.Experts.Select(ExpertJson.Serialize);
        Assert.Equal(fromJson, fromCsv);
    }

    [Fact]
    public async Task An_expert_survives_a_round_trip_through_its_stored_json()
    {
        var read = await SampleJson();

        foreach (var expert in read.Experts)
        {
            var json = ExpertJson.Serialize(expert);
            Assert.Equal(json, ExpertJson.Serialize(ExpertJson.Deserialize(json)));
        }

        Assert.Contains("\"start\":\"2026-12-07T14:00:00Z\"", ExpertJson.Serialize(read.Experts.Single(e => e.Npi == "1748512369")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_minimal_expert_gets_its_defaults()
    {
        var read = await JsonText($$"""[{"npi": "{{NpiA}}", "name": "Test Expert", "specialties": [{"code": "207X00000X"}], "licensedStates": ["NY"]}]""");

        var expert = Assert.Single(read.Experts);
        Assert.Equal("npi:" + NpiA, expert.ExpertId);
        Assert.True(expert.Active);
        Assert.Empty(expert.Offices);
    }
}
