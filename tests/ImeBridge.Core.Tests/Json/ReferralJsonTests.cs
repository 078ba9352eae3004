using System.Text;
using System.Text.Json;
using ImeBridge.Core.Json;
using ImeBridge.Core.Model;

namespace ImeBridge.Core.Tests.Json;

public sealed class ReferralJsonTests
{
    private static readonly Referral Minimal = new()
    {
        Source = new ReferralSource
        {
            Channel = "webhook",
            PartnerId = "demo",
            ExternalId = "X-1",
            ReceivedAt = new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.FromHours(-5)),
        },
        Referrer = new Referrer { Kind = "insurer", Organization = "Demo" },
        Claimant = new Claimant { FirstName = "Ana", LastName = "Ruiz", DateOfBirth = new DateOnly(1990, 1, 2) },
        Claim = new Claim { ClaimNumber = "C-1", LineOfBusiness = "auto", Jurisdiction = "TX" },
        Request = new ExamRequest { ExamType = "ime", Questions = [new ExamQuestion { Text = "Why?" }] },
    };

    [Fact]
    public void Writes_camel_case_dates_as_yyyy_mm_dd_and_instants_in_utc()
    {
        using var json = JsonDocument.Parse(ReferralJson.Serialize(Minimal));
        var root = json.RootElement;

        Assert.Equal("1990-01-02", root.GetProperty("claimant").GetProperty("dateOfBirth").GetString());
        Assert.Equal("2026-03-02T14:05:00Z", root.GetProperty("source").GetProperty("receivedAt").GetString());
        Assert.Equal("X-1", root.GetProperty("source").GetProperty("externalId").GetString());
    }

    [Fact]
    public void Omits_nulls_and_keeps_empty_arrays()
    {
        using var json = JsonDocument.Parse(ReferralJson.Serialize(Minimal));
        var root = json.RootElement;

        Assert.False(root.TryGetProperty("referralId", out _));
        Assert.False(root.GetProperty("claimant").TryGetProperty("middleName", out _));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("parties").ValueKind);
        Assert.Equal(0, root.GetProperty("documents").GetArrayLength());
        Assert.Empty(root.GetProperty("extensions").EnumerateObject());
    }

    [Fact]
    public void Round_trips_every_value()
    {
        var copy = ReferralJson.Deserialize(ReferralJson.Serialize(Minimal));

        Assert.Equal(Minimal.Source.ReceivedAt, copy.Source.ReceivedAt);
        Assert.Equal(TimeSpan.Zero, copy.Source.ReceivedAt!.Value.Offset);
        Assert.Equal(Minimal.Claimant.DateOfBirth, copy.Claimant.DateOfBirth);
        Assert.Equal("Why?", Assert.Single(copy.Request.Questions).Text);
        Assert.Equal(Encoding.UTF8.GetString(ReferralJson.Serialize(Minimal)), Encoding.UTF8.GetString(ReferralJson.Serialize(copy)));
    }

    [Fact]
    public void Reads_questions_as_strings_or_objects_and_writes_objects()
    {
        var referral = ReferralJson.Deserialize("""{"request":{"questions":["A?",{"id":"2","text":"B?"}]}}"""u8);

        Assert.Equal([(null, "A?"), ("2", "B?")], referral.Request.Questions.Select(q => (q.Id, q.Text)));
        using var json = JsonDocument.Parse(ReferralJson.Serialize(referral));
        Assert.Equal("""[{"text":"A?"},{"id":"2","text":"B?"}]""", json.RootElement.GetProperty("request").GetProperty("questions").GetRawText());
    }

    [Theory]
    [InlineData("\"1990-1-2\"")]
    [InlineData("\"1990-02-30\"")]
    [InlineData("\"02/01/1990\"")]
    [InlineData("19900102")]
    public void Refuses_dates_that_are_not_real_yyyy_mm_dd(string value)
    {
        var json = Encoding.UTF8.GetBytes($$$"""{"claimant":{"dateOfBirth":{{{value}}}}}""");

        Assert.Throws<JsonException>(() => ReferralJson.Deserialize(json));
    }

    [Fact]
    public void The_shared_options_serialize_a_referral_like_the_source_generated_path()
    {
        var viaOptions = JsonSerializer.SerializeToUtf8Bytes(Minimal, ReferralJson.Options);

        Assert.Equal(ReferralJson.Serialize(Minimal), viaOptions);
    }

    [Fact]
    public void The_shared_options_also_serialize_types_that_embed_a_referral()
    {
        var wrapped = JsonSerializer.Serialize(new { referral = Minimal, count = 1 }, ReferralJson.Options);

        using var json = JsonDocument.Parse(wrapped);
        Assert.Equal("1990-01-02", json.RootElement.GetProperty("referral").GetProperty("claimant").GetProperty("dateOfBirth").GetString());
    }
}
