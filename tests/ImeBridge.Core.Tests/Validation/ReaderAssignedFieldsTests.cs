using System.Text.Json.Nodes;
using ImeBridge.Core.Tests.Support;
using ImeBridge.Core.Validation;

namespace ImeBridge.Core.Tests.Validation;

public sealed class ReaderAssignedFieldsTests
{
    [Theory]
    [InlineData("referralId")]
    [InlineData("status")]
    public void Root_fields_imebridge_assigns_are_refused(string field)
    {
        var result = Fixtures.ReadSample(sample => sample[field] = "chosen-by-partner");

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Path);
        Assert.Equal("is assigned by ImeBridge; leave it out", error.Reason);
    }

    [Fact]
    public void Received_time_is_refused()
    {
        var result = Fixtures.ReadSample(sample => sample["source"]!["receivedAt"] = "2026-03-02T14:05:00Z");

        Assert.Equal("is assigned by ImeBridge; leave it out", result.ReasonAt("source.receivedAt"));
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Original_document_is_refused()
    {
        var result = Fixtures.ReadSample(sample => sample["source"]!["originalDocument"] = new JsonObject
        {
            ["sha256"] = new string('a', 64),
            ["size"] = 10,
            ["contentType"] = "application/json",
            ["storeRef"] = "local:aa",
        });

        Assert.Equal("is assigned by ImeBridge; leave it out", result.ReasonAt("source.originalDocument"));
    }

    [Fact]
    public void Assigned_fields_sent_as_null_count_as_absent()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["referralId"] = null;
            sample["status"] = null;
            sample["source"]!["receivedAt"] = null;
        });

        Fixtures.AssertValid(result);
    }

    [Fact]
    public void Another_channel_is_refused_and_names_the_channel_it_arrived_on()
    {
        var result = Fixtures.ReadSample(sample => sample["source"]!["channel"] = "sftp");

        Assert.Equal(
            "is assigned by ImeBridge from the channel the referral arrived on (webhook); leave it out",
            result.ReasonAt("source.channel"));
    }

    [Fact]
    public void The_channel_it_arrived_on_is_accepted()
    {
        var result = Fixtures.ReadSample(sample => sample["source"]!["channel"] = "webhook");

        Fixtures.AssertValid(result);
        Assert.Equal("webhook", result.Referral!.Source.Channel);
    }

    [Fact]
    public void Another_partner_id_is_refused()
    {
        var result = Fixtures.ReadSample(sample => sample["source"]!["partnerId"] = "acme-insurance");

        Assert.Equal("does not match the partner that sent it", result.ReasonAt("source.partnerId"));
    }

    [Fact]
    public void An_absent_partner_id_is_filled_from_the_partner()
    {
        var result = Fixtures.ReadSample(
            sample => sample["source"]!.AsObject().Remove("partnerId"),
            new ReferralDefaults("fhir", "demo"));

        Fixtures.AssertValid(result);
        Assert.Equal("demo", result.Referral!.Source.PartnerId);
        Assert.Equal("fhir", result.Referral.Source.Channel);
    }

    [Fact]
    public void Without_a_source_object_the_external_id_is_what_is_missing()
    {
        var result = Fixtures.ReadSample(sample => sample.Remove("source"));

        Assert.Equal("is required", result.ReasonAt("source.externalId"));
        Assert.Single(result.Errors);
    }

    [Fact]
    public void An_absent_referrer_kind_and_organization_come_from_the_partner()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["referrer"]!.AsObject().Remove("kind");
            sample["referrer"]!.AsObject().Remove("organization");
        });

        Fixtures.AssertValid(result);
        Assert.Equal("insurer", result.Referral!.Referrer.Kind);
        Assert.Equal("Demo Insurance Co.", result.Referral.Referrer.Organization);
        Assert.Equal("Priya Natarajan", result.Referral.Referrer.Contact!.Name);
    }

    [Fact]
    public void A_missing_referrer_object_is_built_from_the_partner()
    {
        var result = Fixtures.ReadSample(sample => sample.Remove("referrer"), new ReferralDefaults("webhook", "demo", "tpa", "Sedgwick Demo"));

        Fixtures.AssertValid(result);
        Assert.Equal("tpa", result.Referral!.Referrer.Kind);
        Assert.Equal("Sedgwick Demo", result.Referral.Referrer.Organization);
    }

    [Fact]
    public void The_bodys_own_referrer_wins_over_the_partner_defaults()
    {
        var result = Fixtures.ReadSample(sample => sample["referrer"]!["kind"] = "attorney");

        Assert.Equal("attorney", result.Referral!.Referrer.Kind);
        Assert.Equal("Acme Mutual Insurance Co.", result.Referral.Referrer.Organization);
    }

    [Fact]
    public void Without_partner_defaults_an_absent_referrer_kind_is_required()
    {
        var result = Fixtures.ReadSample(sample => sample["referrer"]!.AsObject().Remove("kind"), new ReferralDefaults("webhook", "demo"));

        Assert.Equal("is required", result.ReasonAt("referrer.kind"));
    }
}
