using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Case;

namespace ImeBridge.Adapters.Tests.Store;

/// <summary>The case beside a referral: written with its step, kept by steps that leave it alone, never overwritten from a stale read.</summary>
public abstract partial class ReferralStoreContract
{
    [Fact]
    public async Task A_case_update_is_kept_and_a_later_move_without_one_leaves_it_alone()
    {
        var (store, queue) = await CreateAsync();
        var referral = Referrals.New(Time, externalId: "EXT-C1");
        await store.AcceptAsync(referral, CancellationToken.None);
        var match = new CaseMatch("npi:1748512369", "1748512369", "207X00000X", "alb", null, Time.GetUtcNow());

        await store.TransitionAsync(
            Move(referral.ReferralId, ReferralStatus.Received, ReferralStatus.Triaged, "msg-c1", Time.GetUtcNow()) with { Case = new ReferralCase { Match = match }, ExpectedCaseVersion = 0 },
            CancellationToken.None);
        await store.TransitionAsync(Move(referral.ReferralId, ReferralStatus.Triaged, ReferralStatus.ExpertMatched, "msg-c2", Time.GetUtcNow()), CancellationToken.None);
        var stored = await store.GetAsync(referral.ReferralId, CancellationToken.None);

        Assert.Equal(match, stored!.Case.Match);
        Assert.Equal(1, stored.CaseVersion);
        await DrainAsync(queue);
    }

    [Fact]
    public async Task A_case_update_computed_before_another_case_write_is_refused_and_writes_nothing()
    {
        var (store, _) = await CreateAsync();
        var referral = Referrals.New(Time, externalId: "EXT-C2");
        await store.AcceptAsync(referral, CancellationToken.None);
        var read = await store.GetAsync(referral.ReferralId, CancellationToken.None);
        var first = new CaseMatch("npi:1748512369", "1748512369", null, null, null, Time.GetUtcNow());
        var second = first with { ExpertId = "npi:1245319599", Npi = "1245319599" };

        var applied = await store.TransitionAsync(
            Move(referral.ReferralId, ReferralStatus.Received, ReferralStatus.Received, "msg-c3", Time.GetUtcNow()) with { Case = new ReferralCase { Match = first }, ExpectedCaseVersion = read!.CaseVersion },
            CancellationToken.None);
        var stale = await store.TransitionAsync(
            Move(referral.ReferralId, ReferralStatus.Received, ReferralStatus.Triaged, "msg-c4", Time.GetUtcNow()) with { Case = new ReferralCase { Match = second }, ExpectedCaseVersion = read.CaseVersion },
            CancellationToken.None);
        var stored = await store.GetAsync(referral.ReferralId, CancellationToken.None);

        Assert.Equal(TransitionResult.Applied, applied.Result);
        Assert.Equal(TransitionResult.CaseChanged, stale.Result);
        Assert.Equal(ReferralStatus.Received, stored!.Status);
        Assert.Equal(first, stored.Case.Match);
        Assert.DoesNotContain(stored.Timeline, e => e.MessageId == "msg-c4");
    }
}
