using System.Text.Json.Nodes;
using ImeBridge.Core.Tests.Support;
using ImeBridge.Core.Validation;

namespace ImeBridge.Core.Tests.Validation;

public sealed class ReaderSchemaErrorTests
{
    [Theory]
    [InlineData("source", "externalId")]
    [InlineData("claimant", "firstName")]
    [InlineData("claimant", "lastName")]
    [InlineData("claimant", "dateOfBirth")]
    [InlineData("claim", "claimNumber")]
    [InlineData("claim", "jurisdiction")]
    [InlineData("claim", "lineOfBusiness")]
    [InlineData("request", "examType")]
    public void Each_required_field_is_reported_by_path_when_missing(string parent, string field)
    {
        var result = Fixtures.ReadSample(sample => sample[parent]!.AsObject().Remove(field), new ReferralDefaults("webhook", "demo"));

        Assert.Equal($"{parent}.{field}", Assert.Single(result.Errors).Path);
        Assert.Equal("is required", result.Errors[0].Reason);
    }

    [Theory]
    [InlineData("claimant")]
    [InlineData("claim")]
    [InlineData("request")]
    public void A_missing_section_is_required(string section)
    {
        var result = Fixtures.ReadSample(sample => sample.Remove(section));

        Assert.Equal("is required", result.ReasonAt(section));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_required_string_counts_as_missing(string blank)
    {
        var result = Fixtures.ReadSample(sample => sample["claimant"]!["firstName"] = blank);

        Assert.Equal("is required", result.ReasonAt("claimant.firstName"));
    }

    [Fact]
    public void A_null_required_field_counts_as_missing()
    {
        var result = Fixtures.ReadSample(sample => sample["claim"]!["claimNumber"] = null);

        Assert.Equal("is required", result.ReasonAt("claim.claimNumber"));
    }

    [Theory]
    [InlineData("referrer", "kind", "bank", "must be one of: insurer, tpa, employer, attorney")]
    [InlineData("claimant", "sex", "f", "must be one of: female, male, other, unknown")]
    [InlineData("claim", "lineOfBusiness", "property", "must be one of: workersComp, auto, liability, disability")]
    [InlineData("request", "examType", "peerReview", "must be one of: ime, recordsReview, addendum")]
    [InlineData("request", "priority", "asap", "must be one of: routine, expedited, urgent")]
    [InlineData("request", "reason", "curiosity", "must be one of: causation, diagnosis, treatmentNecessity, disability, mmiImpairment, returnToWork, legalRequirement, other")]
    [InlineData("claim", "jurisdiction", "ZZ", "must be a two-letter US state code (the 50 states, DC or PR)")]
    public void Closed_lists_name_the_allowed_values(string parent, string field, string value, string reason)
    {
        var result = Fixtures.ReadSample(sample => sample[parent]![field] = value);

        Assert.Equal(reason, result.ReasonAt($"{parent}.{field}"));
    }

    [Fact]
    public void Party_roles_and_document_kinds_are_closed_lists()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["parties"]![1]!["role"] = "judge";
            sample["documents"]![0]!["kind"] = "video";
        });

        Assert.StartsWith("must be one of: claimantAttorney, defenseAttorney,", result.ReasonAt("parties[1].role"));
        Assert.StartsWith("must be one of: referralLetter, medicalRecords,", result.ReasonAt("documents[0].kind"));
    }

    [Fact]
    public void Enum_values_are_accepted_in_any_case_and_written_as_the_schema_spells_them()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["claim"]!["lineOfBusiness"] = "WORKERSCOMP";
            sample["claim"]!["jurisdiction"] = "ny";
            sample["claimant"]!["address"]!["state"] = " Ny ";
            sample["request"]!["examType"] = "RecordsReview";
        });

        Fixtures.AssertValid(result);
        Assert.Equal("workersComp", result.Referral!.Claim.LineOfBusiness);
        Assert.Equal("NY", result.Referral.Claim.Jurisdiction);
        Assert.Equal("NY", result.Referral.Claimant.Address!.State);
        Assert.Equal("recordsReview", result.Referral.Request.ExamType);
    }

    [Theory]
    [InlineData("07/14/1981")]
    [InlineData("1981-7-14")]
    [InlineData("1981-02-30")]
    [InlineData("1981-07-14T00:00:00Z")]
    public void Dates_must_be_real_calendar_dates_written_yyyy_mm_dd(string value)
    {
        var result = Fixtures.ReadSample(sample => sample["claimant"]!["dateOfBirth"] = value);

        Assert.Equal("must be a real calendar date written YYYY-MM-DD", result.ReasonAt("claimant.dateOfBirth"));
    }

    [Theory]
    [InlineData("claim", "dateOfInjury")]
    [InlineData("request", "dueDate")]
    public void Every_date_field_is_checked(string parent, string field)
    {
        var result = Fixtures.ReadSample(sample => sample[parent]![field] = "2026-13-01");

        Assert.Equal("must be a real calendar date written YYYY-MM-DD", result.ReasonAt($"{parent}.{field}"));
    }

    [Fact]
    public void Value_types_explain_their_expected_form()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["claimant"]!["email"] = "not an email";
            sample["claimant"]!["address"]!["postalCode"] = "1220";
            sample["claimant"]!["preferredLanguage"] = "english";
            sample["claimant"]!["timeZone"] = "eastern";
            sample["claim"]!["icd10Codes"]![1] = "S83-91";
            sample["documents"]![0]!["sha256"] = "abc123";
            sample["documents"]![0]!["size"] = -1;
            sample["documents"]![1]!["contentType"] = "pdf";
            sample["request"]!["treatingPhysician"]!["npi"] = "12345";
        });

        Assert.Equal("must be an email address", result.ReasonAt("claimant.email"));
        Assert.Equal("must be a US ZIP code: 12345 or 12345-6789", result.ReasonAt("claimant.address.postalCode"));
        Assert.Equal("must be a language tag such as en, es or en-US", result.ReasonAt("claimant.preferredLanguage"));
        Assert.Equal("must be an IANA time zone name such as America/New_York", result.ReasonAt("claimant.timeZone"));
        Assert.Equal("must be an ICD-10-CM code such as S82.101A or M54.5", result.ReasonAt("claim.icd10Codes[1]"));
        Assert.Equal("must be a SHA-256 digest: 64 lower-case hex digits", result.ReasonAt("documents[0].sha256"));
        Assert.Equal("must be a whole number of bytes, 0 or more", result.ReasonAt("documents[0].size"));
        Assert.Equal("must be a media type such as application/pdf", result.ReasonAt("documents[1].contentType"));
        Assert.Equal("must be a 10-digit NPI", result.ReasonAt("request.treatingPhysician.npi"));
        Assert.Equal(9, result.Errors.Count);
    }

    [Fact]
    public void Wrong_json_types_are_named()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["claimant"]!["interpreterNeeded"] = "no";
            sample["claim"]!["bodyParts"] = "right knee";
            sample["referrer"]!["contact"] = "Priya";
            sample["notes"]![0] = 7;
        });

        Assert.Equal("must be true or false", result.ReasonAt("claimant.interpreterNeeded"));
        Assert.Equal("must be an array", result.ReasonAt("claim.bodyParts"));
        Assert.Equal("must be an object", result.ReasonAt("referrer.contact"));
        Assert.Equal("must be a string", result.ReasonAt("notes[0]"));
        Assert.Equal(4, result.Errors.Count);
    }

    [Fact]
    public void Required_fields_of_array_items_are_reported_with_their_index()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["documents"]![1]!.AsObject().Remove("sha256");
            sample["parties"]![0]!.AsObject().Remove("role");
        });

        Assert.Equal("is required", result.ReasonAt("documents[1].sha256"));
        Assert.Equal("is required", result.ReasonAt("parties[0].role"));
    }

    [Fact]
    public void Questions_that_are_neither_a_string_nor_an_object_with_text_are_reported_by_index()
    {
        var result = Fixtures.ReadSample(sample => sample["request"]!["questions"] = new JsonArray(
            "Is the injury work related?",
            42,
            new JsonObject { ["id"] = "Q3" },
            new JsonObject { ["text"] = "  " },
            "",
            new JsonObject { ["text"] = "Can the claimant return to work?" }));

        const string Reason = "must be a non-empty string, or an object with a non-empty text and an optional id";
        Assert.Equal(
            ["request.questions[1]", "request.questions[2]", "request.questions[3]", "request.questions[4]"],
            result.Errors.Select(e => e.Path));
        Assert.All(result.Errors, error => Assert.Equal(Reason, error.Reason));
    }

    [Fact]
    public void Every_error_of_a_body_is_reported_at_once()
    {
        var result = Fixtures.ReadSample(sample =>
        {
            sample["status"] = "Closed";
            sample["referrer"]!["kind"] = "claimant";
            sample["claimant"]!.AsObject().Remove("lastName");
            sample["claimant"]!["dateOfBirth"] = "14.07.1981";
            sample["claimant"]!["phone"] = "call me";
            sample["claim"]!["jurisdiction"] = "Ontario";
            sample["request"]!["questions"]![0] = false;
            sample["documents"]![1]!["sha256"] = "xyz";
            sample["request"]!["treatingPhysician"]!["npi"] = "1234567890";
            sample["claim"]!["dateOfInjury"] = "2027-01-01";
        });

        Assert.Equal(
            new[]
            {
                "claim.dateOfInjury", "claim.jurisdiction", "claimant.dateOfBirth", "claimant.lastName", "claimant.phone",
                "documents[1].sha256", "referrer.kind", "request.questions[0]", "request.treatingPhysician.npi", "status",
            },
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Null(result.Referral);
    }
}
