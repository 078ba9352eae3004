using System.Text.Json;
using System.Text.Json.Nodes;
using ImeBridge.Core.Json;
using ImeBridge.Core.Tests.Support;

namespace ImeBridge.Core.Tests.Validation;

public sealed class ReaderExtensionsTests
{
    [Fact]
    public void Unknown_fields_at_any_depth_move_to_extensions_under_their_dotted_path()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["claimant"]!["favoriteColor"] = "teal";
            sample["claimant"]!["address"]!["county"] = "Albany County";
            sample["referrer"]!["contact"]!["extension"] = 4471;
            sample["request"]!["questions"]![2]!["weight"] = 2;
            sample["documents"]![1]!["pages"] = new JsonArray(1, 2, 3);
            sample["source"]!["batch"] = new JsonObject { ["file"] = "x.csv", ["row"] = 3 };
        });

        Fixtures.AssertValid(result);
        var extensions = result.Referral!.Extensions;
        Assert.Equal("teal", extensions["claimant.favoriteColor"].GetString());
        Assert.Equal("Albany County", extensions["claimant.address.county"].GetString());
        Assert.Equal(4471, extensions["referrer.contact.extension"].GetInt32());
        Assert.Equal(2, extensions["request.questions[2].weight"].GetInt32());
        Assert.Equal("[1,2,3]", extensions["documents[1].pages"].GetRawText());
        Assert.Equal(3, extensions["source.batch"].GetProperty("row").GetInt32());
        Assert.Contains("parties[0].barNumber", extensions.Keys);
    }

    [Fact]
    public void The_partners_own_extensions_are_kept_as_they_are_beside_moved_fields()
    {
        var result = Fixtures.ReadSample(sample => sample["extensions"] = new JsonObject
        {
            ["acme.costCenter"] = "CC-118",
            ["routing"] = new JsonObject { ["desk"] = 4, ["urgent"] = false },
        });

        Fixtures.AssertValid(result);
        var extensions = result.Referral!.Extensions;
        Assert.Equal("CC-118", extensions["acme.costCenter"].GetString());
        Assert.Equal("""{"desk":4,"urgent":false}""", extensions["routing"].GetRawText());
        Assert.Equal("Albany claims unit 4", extensions["adjusterOffice"].GetString());
    }

    [Fact]
    public void Extensions_survive_serialization_in_the_canonical_json()
    {
        var referral = Fixtures.ReadSample(sample => sample["claimant"]!["favoriteColor"] = "teal").Referral!;

        using var canonical = JsonDocument.Parse(ReferralJson.Serialize(referral));

        var extensions = canonical.RootElement.GetProperty("extensions");
        Assert.Equal("teal", extensions.GetProperty("claimant.favoriteColor").GetString());
        Assert.False(canonical.RootElement.GetProperty("claimant").TryGetProperty("favoriteColor", out _));
    }

    [Fact]
    public void An_unknown_field_whose_key_is_already_in_extensions_is_refused_rather_than_dropped()
    {
        var result = Fixtures.ReadSample(sample => sample["extensions"] = new JsonObject { ["adjusterOffice"] = "mine" });

        Assert.Equal(
            "is not a field of the canonical referral, and extensions already has an entry under the same key; rename one of them",
            result.ReasonAt("adjusterOffice"));
    }

    [Fact]
    public void Extensions_that_are_not_an_object_are_refused()
    {
        var result = Fixtures.ReadSample(sample => sample["extensions"] = "none");

        Assert.Equal("must be an object", result.ReasonAt("extensions"));
    }

    [Fact]
    public void Unknown_fields_inside_a_value_of_the_wrong_type_are_not_moved()
    {
        var result = Fixtures.ReadSample(sample => sample["claimant"]!["address"] = new JsonArray(new JsonObject { ["zip"] = "12209" }));

        Assert.Equal("must be an object", result.ReasonAt("claimant.address"));
        Assert.Single(result.Errors);
    }
}
