using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Tests.Batch;
using ImeBridge.Core.Tests.Support;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Linking;

namespace ImeBridge.Core.Tests.Workflow.Linking;

/// <summary>Which open referral a newly received one is linked to: the first accepted for the same claim and claimant.</summary>
public sealed class DuplicateReferralsTests
{
    private readonly InMemoryReferralStore store = new();

    [Fact]
    public async Task A_referral_for_the_same_claim_and_claimant_as_an_open_one_from_another_partner_is_linked_to_it()
    {
        await AcceptAsync("ref_1", "insurer", ReferralStatus.Scheduled);
        var received = await AcceptAsync("ref_2", "attorney", ReferralStatus.Received, claimNumber: "wc 100 200");

        var original = await DuplicateReferrals.FindOriginalAsync(store, received, CancellationToken.None);

        Assert.Equal("ref_1", original?.ReferralId);
        Assert.Equal(ReferralStatus.Scheduled, original?.Status);
    }

    [Theory]
    [InlineData(ReferralStatus.Closed)]
    [InlineData(ReferralStatus.Cancelled)]
    [InlineData(ReferralStatus.Rejected)]
    [InlineData(ReferralStatus.Linked)]
    public async Task An_ended_referral_for_the_same_claim_is_not_linked_to(string ended)
    {
        await AcceptAsync("ref_1", "insurer", ended);
        var received = await AcceptAsync("ref_2", "insurer", ReferralStatus.Received);

        Assert.Null(await DuplicateReferrals.FindOriginalAsync(store, received, CancellationToken.None));
    }

    [Fact]
    public async Task Of_two_duplicates_both_still_received_only_the_later_is_linked_so_one_exam_goes_on()
    {
        var first = await AcceptAsync("ref_b", "insurer", ReferralStatus.Received);
        var second = await AcceptAsync("ref_a", "attorney", ReferralStatus.Received);

        Assert.Null(await DuplicateReferrals.FindOriginalAsync(store, first, CancellationToken.None));
        Assert.Equal("ref_b", (await DuplicateReferrals.FindOriginalAsync(store, second, CancellationToken.None))?.ReferralId);
    }

    [Fact]
    public async Task A_referral_for_another_claimant_or_without_a_birth_date_is_not_linked()
    {
        await AcceptAsync("ref_1", "insurer", ReferralStatus.Triaged);
        var otherClaimant = await AcceptAsync("ref_2", "insurer", ReferralStatus.Received, lastName: "Nuno");
        var undated = await AcceptAsync("ref_3", "insurer", ReferralStatus.Received, born: null);

        Assert.Null(await DuplicateReferrals.FindOriginalAsync(store, otherClaimant, CancellationToken.None));
        Assert.Null(await DuplicateReferrals.FindOriginalAsync(store, undated, CancellationToken.None));
    }

    private async Task<StoredReferral> AcceptAsync(
        string referralId,
        string partnerId,
        string status,
        string claimNumber = "WC-100-200",
        string lastName = "Núñez",
        string? born = "1981-07-14")
    {
        var referral = new Referral
        {
            ReferralId = referralId,
            Status = status,
            Source = new ReferralSource { Channel = "webhook", PartnerId = partnerId, ExternalId = referralId, ReceivedAt = Fixtures.Now },
            Claimant = new Claimant { LastName = lastName, DateOfBirth = born is null ? null : DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture) },
            Claim = new Claim { ClaimNumber = claimNumber },
        };
        await store.AcceptAsync(new NewReferral(referral, new TimelineEntry(Fixtures.Now, "referral.received", status), []), CancellationToken.None);
        return (await store.GetAsync(referralId, CancellationToken.None))!;
    }
}
