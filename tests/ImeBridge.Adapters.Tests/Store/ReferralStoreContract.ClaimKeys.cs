using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Linking;

namespace ImeBridge.Adapters.Tests.Store;

/// <summary>The claim key lookup: referrals for the same claim and claimant, of any partner, in the order they were accepted.</summary>
public abstract partial class ReferralStoreContract
{
    [Fact]
    public async Task Referrals_for_the_same_claim_and_claimant_are_found_by_claim_key_across_partners_in_accept_order()
    {
        var (store, _) = await CreateAsync();
        var first = Named(Referrals.New(Time, partnerId: "acme", externalId: "EXT-K1"), "ref_zz_first");
        var otherClaim = Named(Referrals.New(Time, partnerId: "acme", externalId: "EXT-K2"), "ref_mm_other");
        otherClaim.Referral.Claim.ClaimNumber = "WC-2026-999999";
        var second = Named(Referrals.New(Time, partnerId: "lawfirm", externalId: "EXT-K3"), "ref_aa_second");
        second.Referral.Claim.ClaimNumber = "wc 2026 000123";
        second.Referral.Claimant.LastName = ClaimantLastNameInOtherCase();

        foreach (var referral in new[] { first, otherClaim, second })
        {
            await store.AcceptAsync(referral, CancellationToken.None);
        }

        var found = await store.FindByClaimKeyAsync(ClaimKey.For(first.Referral)!, CancellationToken.None);

        Assert.Equal(["ref_zz_first", "ref_aa_second"], found.Select(s => s.ReferralId));
        Assert.Equal(["acme", "lawfirm"], found.Select(s => s.PartnerId));
        Assert.All(found, s => Assert.Equal(ReferralStatus.Received, s.Status));
    }

    [Fact]
    public async Task The_claim_key_lookup_reports_the_current_state_and_finds_nothing_for_an_unknown_key()
    {
        var (store, _) = await CreateAsync();
        var referral = Referrals.New(Time, externalId: "EXT-K4");
        await store.AcceptAsync(referral, CancellationToken.None);
        await store.TransitionAsync(
            new ReferralTransition(
                referral.ReferralId,
                ReferralStatus.Received,
                ReferralStatus.Cancelled,
                new TimelineEntry(Time.GetUtcNow(), "referral.cancelled", ReferralStatus.Cancelled, "operator:test", "msg-k4", "withdrawn"),
                []),
            CancellationToken.None);

        var found = await store.FindByClaimKeyAsync(ClaimKey.For(referral.Referral)!, CancellationToken.None);

        Assert.Equal(ReferralStatus.Cancelled, Assert.Single(found).Status);
        Assert.Empty(await store.FindByClaimKeyAsync(new string('0', 64), CancellationToken.None));
    }

    [Fact]
    public async Task A_referral_without_a_date_of_birth_has_no_claim_key_and_is_never_found()
    {
        var (store, _) = await CreateAsync();
        var complete = Referrals.New(Time, externalId: "EXT-K5");
        var undated = Referrals.New(Time, externalId: "EXT-K6");
        undated.Referral.Claimant.DateOfBirth = null;

        await store.AcceptAsync(complete, CancellationToken.None);
        await store.AcceptAsync(undated, CancellationToken.None);

        var found = await store.FindByClaimKeyAsync(ClaimKey.For(complete.Referral)!, CancellationToken.None);
        Assert.Equal(complete.ReferralId, Assert.Single(found).ReferralId);
    }

    private static NewReferral Named(NewReferral referral, string referralId)
    {
        referral.Referral.ReferralId = referralId;
        return referral;
    }

    private static string ClaimantLastNameInOtherCase() => Referrals.ClaimantLastName.ToUpperInvariant();
}
