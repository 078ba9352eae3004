using ImeBridge.Core.Model;
using ImeBridge.Core.Workflow.Triage;

namespace ImeBridge.Core.Tests.Workflow;

public sealed class ReferralTriageTests
{
    private static Referral Complete() => new()
    {
        Claimant = new Claimant { FirstName = "Ana", LastName = "Lopez", Phone = "+15185550142" },
        Claim = new Claim { ClaimNumber = "C-1", Jurisdiction = "NY", Icd10Codes = ["S82.201A"] },
        Request = new ExamRequest { ExamType = "ime", Questions = [new ExamQuestion { Text = "Is the injury work related?" }] },
    };

    [Fact]
    public void A_referral_with_a_way_to_reach_the_claimant_a_jurisdiction_a_specialty_and_questions_is_complete() =>
        Assert.Empty(ReferralTriage.Missing(Complete()));

    [Fact]
    public void A_postal_address_alone_is_a_way_to_reach_the_claimant()
    {
        var referral = Complete();
        referral.Claimant.Phone = null;
        referral.Claimant.Address = new PostalAddress { Line1 = "12 Elm St", City = "Albany", State = "NY", PostalCode = "12207" };

        Assert.Empty(ReferralTriage.Missing(referral));
    }

    [Fact]
    public void Each_missing_piece_is_named_by_its_field()
    {
        var referral = Complete();
        referral.Claimant.Phone = null;
        referral.Claim.Jurisdiction = null;
        referral.Claim.Icd10Codes = [];
        referral.Request.Questions = [];

        var missing = ReferralTriage.Missing(referral);

        Assert.Equal(4, missing.Count);
        Assert.StartsWith("claimant.phone, claimant.email or claimant.address:", missing[0], StringComparison.Ordinal);
        Assert.StartsWith("claim.jurisdiction:", missing[1], StringComparison.Ordinal);
        Assert.StartsWith("request.specialty:", missing[2], StringComparison.Ordinal);
        Assert.StartsWith("request.questions:", missing[3], StringComparison.Ordinal);
    }

    [Fact]
    public void The_specialty_may_come_from_the_injury_instead_of_the_request()
    {
        var referral = Complete();

        var match = ReferralTriage.SpecialtyFromInjury(referral);

        Assert.NotNull(match);
        Assert.Equal("207X00000X", match.Specialty.NuccCode);
    }

    [Fact]
    public void An_addendum_needs_no_new_questions()
    {
        var referral = Complete();
        referral.Request.ExamType = "addendum";
        referral.Request.Questions = [];

        Assert.Empty(ReferralTriage.Missing(referral));
    }
}
