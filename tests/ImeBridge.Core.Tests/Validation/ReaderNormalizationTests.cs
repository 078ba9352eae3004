using System.Text.Json.Nodes;
using ImeBridge.Core.Json;
using ImeBridge.Core.Tests.Support;

namespace ImeBridge.Core.Tests.Validation;

public sealed class ReaderNormalizationTests
{
    [Theory]
    [InlineData("(518) 555-0142", "+15185550142")]
    [InlineData("518.555.0142", "+15185550142")]
    [InlineData("1-518-555-0142", "+15185550142")]
    [InlineData("+1 518 555 0142", "+15185550142")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public void Phones_become_e164_reading_numbers_without_a_country_code_as_us(string sent, string expected)
    {
        var result = Fixtures.ReadSample(sample => sample["claimant"]!["phone"] = sent);

        Fixtures.AssertValid(result);
        Assert.Equal(expected, result.Referral!.Claimant.Phone);
    }

    [Fact]
    public void Phones_of_the_referrer_contact_and_of_parties_are_normalized_too()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["referrer"]!["contact"]!["phone"] = "(518) 555-0177";
            sample["parties"]![0]!["phone"] = "518 555 0190";
        });

        Fixtures.AssertValid(result);
        Assert.Equal("+15185550177", result.Referral!.Referrer.Contact!.Phone);
        Assert.Equal("+15185550190", result.Referral.Parties[0].Phone);
    }

    [Theory]
    [InlineData("555-01")]
    [InlineData("call me")]
    [InlineData("+1 000 000 0000")]
    public void An_unreadable_phone_is_not_a_valid_phone_number(string sent)
    {
        var result = Fixtures.ReadSample(sample => sample["parties"]![0]!["phone"] = sent);

        Assert.Equal("is not a valid phone number", result.ReasonAt("parties[0].phone"));
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Strings_are_trimmed_and_codes_put_in_their_usual_case()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["claimant"]!["firstName"] = "  Daniel ";
            sample["claimant"]!["preferredLanguage"] = "ES_mx";
            sample["claim"]!["icd10Codes"] = new JsonArray("s82.201a", " m54.5 ");
            sample["documents"]![0]!["sha256"] = "6F1C2A9E4B7D3058C1E9A2F4D6B8C0E1F3A5B7C9D1E3F5A7B9C1D3E5F7A9B1C3";
            sample["request"]!["questions"]![0] = "  Is it work related?  ";
        });

        Fixtures.AssertValid(result);
        var referral = result.Referral!;
        Assert.Equal("Daniel", referral.Claimant.FirstName);
        Assert.Equal("es-MX", referral.Claimant.PreferredLanguage);
        Assert.Equal(["S82.201A", "M54.5"], referral.Claim.Icd10Codes);
        Assert.Equal("6f1c2a9e4b7d3058c1e9a2f4d6b8c0e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3", referral.Documents[0].Sha256);
        Assert.Equal("Is it work related?", referral.Request.Questions[0].Text);
    }

    [Fact]
    public void Blank_and_null_optional_fields_are_left_out()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["claimant"]!["middleName"] = " ";
            sample["claimant"]!["address"]!["line2"] = "";
            sample["claimant"]!["email"] = null;
        });

        Fixtures.AssertValid(result);
        Assert.Null(result.Referral!.Claimant.MiddleName);
        Assert.Null(result.Referral.Claimant.Address!.Line2);
        Assert.Null(result.Referral.Claimant.Email);
    }

    [Fact]
    public void Questions_sent_as_strings_and_as_objects_are_read_as_objects()
    {
        var result = Fixtures.ReadSample(sample => sample["request"]!["questions"] = new JsonArray(
            "Is the condition work related?",
            new JsonObject { ["id"] = "Q2", ["text"] = "Is more therapy needed?" },
            new JsonObject { ["text"] = "Any restrictions?" }));

        Fixtures.AssertValid(result);
        var questions = result.Referral!.Request.Questions;
        Assert.Equal([(null, "Is the condition work related?"), ("Q2", "Is more therapy needed?"), (null, "Any restrictions?")], questions.Select(q => (q.Id, q.Text)));
        var canonical = JsonNode.Parse(ReferralJson.Serialize(result.Referral))!;
        Assert.Equal("""{"text":"Is the condition work related?"}""", canonical["request"]!["questions"]![0]!.ToJsonString());
    }

    [Theory]
    [InlineData("NY", "America/New_York")]
    [InlineData("CA", "America/Los_Angeles")]
    [InlineData("AZ", "America/Phoenix")]
    [InlineData("HI", "Pacific/Honolulu")]
    [InlineData("AK", "America/Anchorage")]
    [InlineData("IL", "America/Chicago")]
    [InlineData("CO", "America/Denver")]
    [InlineData("PR", "America/Puerto_Rico")]
    [InlineData("DC", "America/New_York")]
    public void The_time_zone_is_derived_from_the_address_state_when_absent(string state, string zone)
    {
        var result = Fixtures.ReadSample(sample => sample["claimant"]!["address"]!["state"] = state);

        Fixtures.AssertValid(result);
        Assert.Equal(zone, result.Referral!.Claimant.TimeZone);
    }

    [Fact]
    public void A_time_zone_the_sender_gives_is_kept()
    {
        var result = Fixtures.ReadSample(sample => sample["claimant"]!["timeZone"] = "America/Indiana/Indianapolis");

        Assert.Equal("America/Indiana/Indianapolis", result.Referral!.Claimant.TimeZone);
    }

    [Fact]
    public void Without_an_address_no_time_zone_is_guessed()
    {
        var result = Fixtures.ReadSample(sample => sample["claimant"]!.AsObject().Remove("address"));

        Fixtures.AssertValid(result);
        Assert.Null(result.Referral!.Claimant.TimeZone);
    }
}
