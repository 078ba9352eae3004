using ImeBridge.Core.Model;
using ImeBridge.Core.Tests.Support;
using ImeBridge.Core.Validation;

namespace ImeBridge.Core.Tests.Validation;

public sealed class ReferralNormalizerTests
{
    private static Referral BuiltByAChannelReader() => new()
    {
        Source = new ReferralSource { Channel = " SFTP ", PartnerId = "acme", ExternalId = " R-77 " },
        Referrer = new Referrer
        {
            Kind = "TPA",
            Organization = " Demo TPA ",
            Contact = new Contact { Name = "Sam Lee", Phone = "(212) 555-0100", Email = " " },
        },
        Claimant = new Claimant
        {
            FirstName = " Ana ",
            MiddleName = "",
            LastName = "Ruiz",
            DateOfBirth = new DateOnly(1990, 1, 2),
            Sex = "Female",
            Phone = "415.555.0111",
            PreferredLanguage = "ES-us",
            Address = new PostalAddress { Line1 = "1 Market St", City = "San Francisco", State = "ca", PostalCode = "94105" },
        },
        Claim = new Claim
        {
            ClaimNumber = "C-9",
            LineOfBusiness = "AUTO",
            Jurisdiction = " ca",
            BodyParts = [" neck "],
            Icd10Codes = ["s13.4xxa"],
        },
        Request = new ExamRequest
        {
            ExamType = "IME",
            Priority = "Urgent",
            Questions = [new ExamQuestion { Id = " ", Text = " Is the neck injury related? " }],
        },
        Parties = [new Party { Role = "ClaimantAttorney", Name = "Lee & Co", Phone = "+1 415 555 0199" }],
        Documents = [new ReferralDocument { Kind = "Imaging", FileName = "mri.pdf", ContentType = "application/pdf", Sha256 = new string('A', 64) }],
    };

    [Fact]
    public void Makes_a_referral_built_in_code_canonical_and_valid()
    {
        var referral = BuiltByAChannelReader();

        var errors = ReferralNormalizer.Normalize(referral);

        Assert.Empty(errors);
        Assert.Empty(Fixtures.Validator().Validate(referral));
        Assert.Equal("sftp", referral.Source.Channel);
        Assert.Equal("R-77", referral.Source.ExternalId);
        Assert.Equal("tpa", referral.Referrer.Kind);
        Assert.Equal("+12125550100", referral.Referrer.Contact!.Phone);
        Assert.Null(referral.Referrer.Contact.Email);
        Assert.Equal("Ana", referral.Claimant.FirstName);
        Assert.Null(referral.Claimant.MiddleName);
        Assert.Equal("female", referral.Claimant.Sex);
        Assert.Equal("+14155550111", referral.Claimant.Phone);
        Assert.Equal("es-US", referral.Claimant.PreferredLanguage);
        Assert.Equal("CA", referral.Claimant.Address!.State);
        Assert.Equal("America/Los_Angeles", referral.Claimant.TimeZone);
        Assert.Equal("auto", referral.Claim.LineOfBusiness);
        Assert.Equal("CA", referral.Claim.Jurisdiction);
        Assert.Equal(["neck"], referral.Claim.BodyParts);
        Assert.Equal(["S13.4XXA"], referral.Claim.Icd10Codes);
        Assert.Equal(("ime", "urgent"), (referral.Request.ExamType, referral.Request.Priority));
        Assert.Equal((null, "Is the neck injury related?"), (referral.Request.Questions[0].Id, referral.Request.Questions[0].Text));
        Assert.Equal("claimantAttorney", referral.Parties[0].Role);
        Assert.Equal("+14155550199", referral.Parties[0].Phone);
        Assert.Equal("imaging", referral.Documents[0].Kind);
        Assert.Equal(new string('a', 64), referral.Documents[0].Sha256);
    }

    [Fact]
    public void Reports_phones_it_cannot_read_and_leaves_them_for_the_validator_to_refuse()
    {
        var referral = BuiltByAChannelReader();
        referral.Parties[0].Phone = "ext. 12";

        var errors = ReferralNormalizer.Normalize(referral);

        Assert.Equal("is not a valid phone number", errors.ReasonAt("parties[0].phone"));
        Assert.Contains(Fixtures.Validator().Validate(referral), e => e.Path == "parties[0].phone");
    }

    [Fact]
    public void Keeps_a_time_zone_that_was_given_and_unknown_list_values_as_sent()
    {
        var referral = BuiltByAChannelReader();
        referral.Claimant.TimeZone = "America/Denver";
        referral.Claim.LineOfBusiness = "marine";

        ReferralNormalizer.Normalize(referral);

        Assert.Equal("America/Denver", referral.Claimant.TimeZone);
        Assert.Equal("marine", referral.Claim.LineOfBusiness);
    }
}
