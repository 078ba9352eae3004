using System.Text.Json;
using ImeBridge.Core.Model;
using ImeBridge.Core.Tests.Support;
using ImeBridge.Core.Validation;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Core.Tests.Validation;

/// <summary>Business rules, on referrals built in code; "today" is 2026-06-01 (UTC) unless a test moves the clock.</summary>
public sealed class ValidatorRulesTests
{
    private static Referral Valid() => Fixtures.Reader().Read(Fixtures.SampleBytes(), Fixtures.Webhook).Referral!;

    private static IReadOnlyList<Core.Ports.FieldError> Validate(Referral referral, TimeProvider? time = null) =>
        new ReferralValidator(time ?? Fixtures.Clock()).Validate(referral);

    [Fact]
    public void A_referral_built_in_code_from_scratch_is_valid_when_complete()
    {
        var referral = new Referral
        {
            Source = new ReferralSource { Channel = "sftp", PartnerId = "acme", ExternalId = "R-1" },
            Referrer = new Referrer { Kind = "tpa", Organization = "Demo TPA" },
            Claimant = new Claimant { FirstName = "Ana", LastName = "Ruiz", DateOfBirth = new DateOnly(1990, 1, 2) },
            Claim = new Claim { ClaimNumber = "C-9", LineOfBusiness = "auto", Jurisdiction = "TX" },
            Request = new ExamRequest { ExamType = "recordsReview" },
        };

        Assert.Empty(Validate(referral));
    }

    [Fact]
    public void The_validator_applies_the_schema_to_referrals_built_in_code()
    {
        var referral = Valid();
        referral.Claimant.FirstName = null;
        referral.Referrer.Kind = "claimant";
        referral.Claim.Icd10Codes.Add("bad code");
        referral.Request.Questions.Add(new ExamQuestion { Text = "" });

        var errors = Validate(referral);

        Assert.Equal("is required", errors.ReasonAt("claimant.firstName"));
        Assert.Equal("must be one of: insurer, tpa, employer, attorney", errors.ReasonAt("referrer.kind"));
        Assert.Equal("must be an ICD-10-CM code such as S82.101A or M54.5", errors.ReasonAt("claim.icd10Codes[3]"));
        Assert.Equal("must be a non-empty string, or an object with a non-empty text and an optional id", errors.ReasonAt("request.questions[5]"));
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void A_date_of_birth_today_or_later_is_not_in_the_past()
    {
        var referral = Valid();
        referral.Claimant.DateOfBirth = new DateOnly(2026, 6, 1);
        referral.Claim.DateOfInjury = null;

        Assert.Equal("must be in the past", Validate(referral).ReasonAt("claimant.dateOfBirth"));
    }

    [Fact]
    public void The_date_of_birth_must_come_before_the_date_of_injury()
    {
        var referral = Valid();
        referral.Claimant.DateOfBirth = new DateOnly(2026, 2, 9);

        Assert.Equal("must be before claim.dateOfInjury", Validate(referral).ReasonAt("claimant.dateOfBirth"));
    }

    [Fact]
    public void The_date_of_injury_cannot_be_in_the_future_but_can_be_today()
    {
        var referral = Valid();
        referral.Claim.DateOfInjury = new DateOnly(2026, 6, 2);
        Assert.Equal("must not be in the future", Validate(referral).ReasonAt("claim.dateOfInjury"));

        referral.Claim.DateOfInjury = new DateOnly(2026, 6, 1);
        Assert.Empty(Validate(referral));
    }

    [Fact]
    public void A_due_date_before_today_is_refused_and_today_is_accepted()
    {
        var referral = Valid();
        referral.Request.DueDate = new DateOnly(2026, 5, 31);
        Assert.Equal("must not be in the past", Validate(referral).ReasonAt("request.dueDate"));

        referral.Request.DueDate = new DateOnly(2026, 6, 1);
        Assert.Empty(Validate(referral));
    }

    [Fact]
    public void Today_is_the_utc_date_of_the_injected_clock()
    {
        var referral = Valid();
        referral.Request.DueDate = new DateOnly(2026, 6, 10);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 23, 30, 0, TimeSpan.Zero));
        Assert.Empty(Validate(referral, clock));

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal("must not be in the past", Validate(referral, clock).ReasonAt("request.dueDate"));
    }

    [Theory]
    [InlineData("1234567893", true)]
    [InlineData("1245319599", true)]
    [InlineData("1234567890", false)]
    [InlineData("1234567839", false)]
    public void The_npi_check_digit_is_verified(string npi, bool valid)
    {
        var referral = Valid();
        referral.Request.TreatingPhysician!.Npi = npi;

        var errors = Validate(referral);

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal("must be a 10-digit NPI whose last digit is its check digit", errors.ReasonAt("request.treatingPhysician.npi"));
        }
    }

    [Theory]
    [InlineData("name")]
    [InlineData("email")]
    [InlineData("phone")]
    public void The_referrer_contact_is_never_the_claimant(string sameField)
    {
        var referral = Valid();
        var contact = referral.Referrer.Contact!;
        switch (sameField)
        {
            case "name":
                contact.Name = "daniel  r. OKONKWO-WHITFIELD";
                break;
            case "email":
                contact.Email = "D.Okonkwo.Whitfield@example.net";
                break;
            default:
                contact.Phone = referral.Claimant.Phone;
                break;
        }

        var reason = Validate(referral).ReasonAt("referrer.contact");

        Assert.Equal(
            $"has the same {sameField} as the claimant; the referrer is the insurer, TPA, employer or attorney asking for the exam, never the claimant",
            reason);
    }

    [Fact]
    public void Every_field_the_referrer_contact_shares_with_the_claimant_is_named()
    {
        var referral = Valid();
        referral.Referrer.Contact = new Contact { Name = "Daniel Okonkwo-Whitfield", Email = referral.Claimant.Email };

        Assert.StartsWith("has the same name and email as the claimant;", Validate(referral).ReasonAt("referrer.contact"));
    }

    [Theory]
    [InlineData("5185550142")]
    [InlineData("+1518555014")]
    [InlineData("+10005550142")]
    public void Phones_must_be_valid_e164_numbers(string phone)
    {
        var referral = Valid();
        referral.Parties[0].Phone = phone;

        Assert.Contains(Validate(referral), e => e.Path == "parties[0].phone");
    }

    [Fact]
    public void A_well_formed_but_unassigned_e164_number_is_refused_by_the_rule()
    {
        var referral = Valid();
        referral.Claimant.Phone = "+10005550142";

        Assert.Equal("is not a valid phone number in E.164 form such as +15185550142", Validate(referral).ReasonAt("claimant.phone"));
    }

    [Theory]
    [InlineData("ny")]
    [InlineData("XX")]
    [InlineData("New York")]
    public void Address_states_and_the_jurisdiction_must_be_us_state_codes(string state)
    {
        var referral = Valid();
        referral.Claim.Jurisdiction = state;
        referral.Claimant.Address!.State = state;
        referral.Parties[1].Address!.State = state;

        var errors = Validate(referral);

        const string Reason = "must be a two-letter US state code (the 50 states, DC or PR)";
        Assert.Equal(Reason, errors.ReasonAt("claim.jurisdiction"));
        Assert.Equal(Reason, errors.ReasonAt("claimant.address.state"));
        Assert.Equal(Reason, errors.ReasonAt("parties[1].address.state"));
    }

    [Theory]
    [InlineData("S82.101A", true)]
    [InlineData("M54.5", true)]
    [InlineData("U07.1", true)]
    [InlineData("R51", true)]
    [InlineData("S82101A", false)]
    [InlineData("s82.101a", false)]
    [InlineData("82.101A", false)]
    [InlineData("S82.10101", false)]
    [InlineData("S8", false)]
    public void Icd10_codes_must_have_the_icd10_cm_shape(string code, bool valid)
    {
        var referral = Valid();
        referral.Claim.Icd10Codes = [code];

        var errors = Validate(referral);

        Assert.Equal(valid, !errors.Any(e => e.Path == "claim.icd10Codes[0]"));
    }

    [Theory]
    [InlineData("6F1C2A9E4B7D3058C1E9A2F4D6B8C0E1F3A5B7C9D1E3F5A7B9C1D3E5F7A9B1C3")]
    [InlineData("6f1c2a9e")]
    [InlineData("zz1c2a9e4b7d3058c1e9a2f4d6b8c0e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3")]
    public void Document_digests_must_be_64_lower_case_hex_digits(string sha256)
    {
        var referral = Valid();
        referral.Documents[1].Sha256 = sha256;

        Assert.Equal("must be a SHA-256 digest: 64 lower-case hex digits", Validate(referral).ReasonAt("documents[1].sha256"));
    }

    [Fact]
    public void A_referral_after_intake_assigned_its_fields_is_still_valid()
    {
        var referral = Valid();
        referral.ReferralId = "ref_0195f2a0c3b27d7e8a11b2c3d4e5f607";
        referral.Status = "Received";
        referral.Source.ReceivedAt = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.FromHours(-4));
        referral.Source.DeliveryId = "msg_2mE3x";
        referral.Source.OriginalDocument = new DocumentRef(new string('c', 64), 4711, "application/json", "local:cc");

        Assert.Empty(Validate(referral));
    }

    [Fact]
    public void An_extension_without_a_value_is_reported_instead_of_failing_serialization()
    {
        var referral = Valid();
        referral.Extensions["acme.flag"] = default(JsonElement);

        Assert.Equal("has no value", Validate(referral).ReasonAt("extensions.acme.flag"));
    }

    [Fact]
    public void Unknown_channels_are_refused_by_the_schema()
    {
        var referral = Valid();
        referral.Source.Channel = "csv";

        Assert.Equal("must be one of: webhook, fhir, sftp, email", Validate(referral).ReasonAt("source.channel"));
    }
}
