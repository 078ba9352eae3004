using System.Text.Json;
using ImeBridge.Core.Json;
using ImeBridge.Core.Tests.Support;
using ImeBridge.Core.Validation;

namespace ImeBridge.Core.Tests.Validation;

public sealed class SampleReferralTests
{
    [Fact]
    public void The_webhook_sample_is_a_valid_referral()
    {
        var result = Fixtures.Reader().Read(Fixtures.SampleBytes(), Fixtures.Webhook);

        Fixtures.AssertValid(result);
        var referral = result.Referral!;
        Assert.Equal("ACME-2026-000123", referral.Source.ExternalId);
        Assert.Equal("insurer", referral.Referrer.Kind);
        Assert.Equal("Acme Mutual Insurance Co.", referral.Referrer.Organization);
        Assert.Equal(new DateOnly(1981, 7, 14), referral.Claimant.DateOfBirth);
        Assert.Equal(new DateOnly(2026, 2, 9), referral.Claim.DateOfInjury);
        Assert.Equal(["S82.201A", "S83.91XA", "W11.XXXA"], referral.Claim.Icd10Codes);
        Assert.Equal(5, referral.Request.Questions.Count);
        Assert.Equal(2, referral.Parties.Count);
        Assert.Equal(2, referral.Documents.Count);
        Assert.Equal(2, referral.Notes.Count);
    }

    [Fact]
    public void The_webhook_sample_is_valid_on_the_real_clock_too_so_it_does_not_expire()
    {
        var result = new ReferralReader(TimeProvider.System).Read(Fixtures.SampleBytes(), Fixtures.Webhook);

        Fixtures.AssertValid(result);
    }

    [Fact]
    public void Reading_fills_the_channel_and_partner_and_derives_the_time_zone()
    {
        var referral = Fixtures.Reader().Read(Fixtures.SampleBytes(), Fixtures.Webhook).Referral!;

        Assert.Equal("webhook", referral.Source.Channel);
        Assert.Equal("demo", referral.Source.PartnerId);
        Assert.Equal("America/New_York", referral.Claimant.TimeZone);
    }

    [Fact]
    public void The_samples_unknown_fields_are_kept_under_extensions_by_path()
    {
        var referral = Fixtures.Reader().Read(Fixtures.SampleBytes(), Fixtures.Webhook).Referral!;

        Assert.Equal(["adjusterOffice", "parties[0].barNumber"], referral.Extensions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("NY-4471920", referral.Extensions["parties[0].barNumber"].GetString());
        Assert.Equal("Albany claims unit 4", referral.Extensions["adjusterOffice"].GetString());
    }

    [Fact]
    public void A_read_referral_serializes_to_json_that_the_schema_and_the_validator_accept()
    {
        var referral = Fixtures.Reader().Read(Fixtures.SampleBytes(), Fixtures.Webhook).Referral!;

        var canonical = ReferralJson.Serialize(referral);

        using var document = JsonDocument.Parse(canonical);
        var evaluation = ReferralSchemaFile.Load().Evaluate(document.RootElement, new global::Json.Schema.EvaluationOptions { RequireFormatValidation = true });
        Assert.True(evaluation.IsValid);
        Assert.Empty(Fixtures.Validator().Validate(referral));
    }

    [Fact]
    public void A_canonical_referral_read_again_is_unchanged()
    {
        var reader = Fixtures.Reader();
        var first = ReferralJson.Serialize(reader.Read(Fixtures.SampleBytes(), Fixtures.Webhook).Referral!);

        // Canonical output is a valid body again once the fields ImeBridge assigns are absent (none are, before intake).
        var second = reader.Read(first, Fixtures.Webhook);

        Fixtures.AssertValid(second);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(first), System.Text.Encoding.UTF8.GetString(ReferralJson.Serialize(second.Referral!)));
    }

    [Fact]
    public void The_invalid_sample_reports_every_problem_at_once_with_its_path()
    {
        var result = Fixtures.Reader().Read(Fixtures.SampleBytes("referral-invalid.json"), Fixtures.Webhook);

        Assert.False(result.IsValid);
        Assert.Null(result.Referral);
        var expected = new[]
        {
            "referralId", "source.partnerId", "source.receivedAt", "referrer.kind", "referrer.contact", "claimant.dateOfBirth", "claimant.sex",
            "claimant.phone", "claimant.address.state", "claimant.address.postalCode", "claim.claimNumber", "claim.lineOfBusiness",
            "claim.icd10Codes[0]", "request.questions[1]", "request.questions[2]", "request.treatingPhysician.npi", "documents[0].sha256",
        };
        Assert.Equal(expected.Order(StringComparer.Ordinal), result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal("is required", result.ReasonAt("claim.claimNumber"));
        Assert.Equal("must be one of: insurer, tpa, employer, attorney", result.ReasonAt("referrer.kind"));
        // The date of birth cannot be read, yet the rules still run on the rest of the body.
        Assert.StartsWith("has the same name as the claimant", result.ReasonAt("referrer.contact"), StringComparison.Ordinal);
    }

    [Fact]
    public void Once_the_schema_passes_the_business_rules_report_together()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["referrer"]!["contact"]!["email"] = "d.okonkwo.whitfield@example.net";
            sample["claim"]!["dateOfInjury"] = "2026-07-01";
            sample["request"]!["treatingPhysician"]!["npi"] = "1234567890";
            sample["request"]!["dueDate"] = "2026-05-31";
        });

        Assert.Equal(
            ["claim.dateOfInjury", "referrer.contact", "request.dueDate", "request.treatingPhysician.npi"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }
}
