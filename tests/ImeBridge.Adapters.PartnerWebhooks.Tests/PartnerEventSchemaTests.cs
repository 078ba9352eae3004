using System.Text.Json.Nodes;
using ImeBridge.Adapters.PartnerWebhooks.Tests.Support;
using ImeBridge.Core.Outbound.PartnerEvents;

namespace ImeBridge.Adapters.PartnerWebhooks.Tests;

public sealed class PartnerEventSchemaTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Events => new()
    {
        { PartnerEventTypes.ReferralReceived, """{"referralId":"ref-1","externalId":"ACME-1","channel":"webhook"}""" },
        { PartnerEventTypes.ReferralStatusChanged, """{"referralId":"ref-1","status":"Triaged"}""" },
        { PartnerEventTypes.ReferralStatusChanged, """{"referralId":"ref-1","externalId":"ACME-1","status":"Rejected","reason":"duplicate"}""" },
        { PartnerEventTypes.ReportAvailable, """{"referralId":"ref-1","reportVersion":"2","reportSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}""" },
    };

    [Fact]
    public void Every_event_type_has_a_schema_and_every_schema_is_an_event_type()
    {
        var files = Directory.GetFiles(EventSchemas.Folder, "*.schema.json").Select(f => Path.GetFileName(f)[..^".schema.json".Length]).Order(StringComparer.Ordinal);
        Assert.Equal(PartnerEventTypes.Known.Order(StringComparer.Ordinal), files);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Thin_and_full_payloads_match_their_schema(string type, string data)
    {
        var evt = new PartnerEvent("evt_1", type, "ref-1", "acme-insurance", At, JsonNode.Parse(data)!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()));

        Assert.Empty(EventSchemas.Errors(PartnerEventPayload.Build(evt)));
        Assert.Empty(EventSchemas.Errors(PartnerEventPayload.Build(evt, new JsonObject { ["referralId"] = "ref-1" })));
    }

    [Fact]
    public void A_field_the_schema_does_not_list_is_refused()
    {
        var evt = new PartnerEvent("evt_1", PartnerEventTypes.ReferralStatusChanged, "ref-1", "acme-insurance", At, new Dictionary<string, string> { ["referralId"] = "ref-1", ["status"] = "Triaged", ["claimantName"] = "x" });

        Assert.NotEmpty(EventSchemas.Errors(PartnerEventPayload.Build(evt)));
    }
}
