using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;

namespace ImeBridge.Adapters.Tests.Store;

/// <summary>Workflow transitions: state, timeline and emitted messages move together, once per message, only from the expected state.</summary>
public abstract partial class ReferralStoreContract
{
    private static ReferralTransition Move(string referralId, string from, string to, string messageId, DateTimeOffset at, string sessionMessage = "changed") =>
        new(
            referralId,
            from,
            to,
            new TimelineEntry(at, "referral." + to.ToLowerInvariant(), to, "imebridge:test", messageId, "because"),
            [new QueueMessage($"{sessionMessage}:{messageId}", MessageTypes.ReferralStatusChanged, referralId, "{}"u8.ToArray())]);

    [Fact]
    public async Task A_transition_sets_the_state_in_the_row_and_the_json_appends_the_timeline_and_emits_in_one_go()
    {
        var (store, queue) = await CreateAsync();
        var referral = Referrals.New(Time, externalId: "EXT-T1");
        await store.AcceptAsync(referral, CancellationToken.None);
        await DrainAsync(queue);

        var outcome = await store.TransitionAsync(Move(referral.ReferralId, ReferralStatus.Received, ReferralStatus.Triaged, "msg-t1", Time.GetUtcNow()), CancellationToken.None);
        var stored = await store.GetAsync(referral.ReferralId, CancellationToken.None);

        Assert.Equal(new TransitionOutcome(TransitionResult.Applied, ReferralStatus.Triaged), outcome);
        Assert.Equal(ReferralStatus.Triaged, stored!.Status);
        Assert.Equal(ReferralStatus.Triaged, stored.Referral.Status);
        Assert.Equal(["referral.received", "referral.triaged"], stored.Timeline.Select(e => e.Event));
        Assert.Equal("msg-t1", stored.Timeline[1].MessageId);
        var emitted = Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None));
        Assert.Equal("changed:msg-t1", emitted.MessageId);
        Assert.Equal(referral.ReferralId, emitted.SessionId);
    }

    [Fact]
    public async Task The_same_transition_message_twice_is_applied_once()
    {
        var (store, queue) = await CreateAsync();
        var referral = Referrals.New(Time, externalId: "EXT-T2");
        await store.AcceptAsync(referral, CancellationToken.None);
        await DrainAsync(queue);
        var move = Move(referral.ReferralId, ReferralStatus.Received, ReferralStatus.Triaged, "msg-t2", Time.GetUtcNow());

        await store.TransitionAsync(move, CancellationToken.None);
        var again = await store.TransitionAsync(move, CancellationToken.None);

        Assert.Equal(TransitionResult.AlreadyApplied, again.Result);
        Assert.Equal(2, (await store.GetAsync(referral.ReferralId, CancellationToken.None))!.Timeline.Count);
        Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task A_transition_from_a_state_the_referral_has_left_writes_nothing()
    {
        var (store, queue) = await CreateAsync();
        var referral = Referrals.New(Time, externalId: "EXT-T3");
        await store.AcceptAsync(referral, CancellationToken.None);
        await DrainAsync(queue);
        await store.TransitionAsync(Move(referral.ReferralId, ReferralStatus.Received, ReferralStatus.NeedsInfo, "msg-a", Time.GetUtcNow()), CancellationToken.None);

        var stale = await store.TransitionAsync(Move(referral.ReferralId, ReferralStatus.Received, ReferralStatus.Triaged, "msg-b", Time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(new TransitionOutcome(TransitionResult.StateChanged, ReferralStatus.NeedsInfo), stale);
        var stored = await store.GetAsync(referral.ReferralId, CancellationToken.None);
        Assert.Equal(ReferralStatus.NeedsInfo, stored!.Status);
        Assert.DoesNotContain(stored.Timeline, e => e.MessageId == "msg-b");
        Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task A_timeline_entry_can_be_appended_without_moving_and_not_for_an_unknown_referral()
    {
        var (store, _) = await CreateAsync();
        var referral = Referrals.New(Time, externalId: "EXT-T4");
        await store.AcceptAsync(referral, CancellationToken.None);
        var entry = new TimelineEntry(Time.GetUtcNow(), "transition.refused", ReferralStatus.Received, "operator:dana", "msg-r", "to Delivered: Delivered cannot follow Received");

        Assert.True(await store.AppendTimelineAsync(referral.ReferralId, entry, CancellationToken.None));
        Assert.False(await store.AppendTimelineAsync("ref_missing", entry, CancellationToken.None));
        Assert.Equal(TransitionResult.NotFound, (await store.TransitionAsync(Move("ref_missing", "Received", "Triaged", "m", Time.GetUtcNow()), CancellationToken.None)).Result);

        var stored = await store.GetAsync(referral.ReferralId, CancellationToken.None);
        Assert.Equal(ReferralStatus.Received, stored!.Status);
        Assert.Equal(entry, stored.Timeline[^1]);
    }

    private static async Task DrainAsync(IMessageQueue queue)
    {
        foreach (var message in await queue.ReceiveAsync(100, CancellationToken.None))
        {
            await queue.CompleteAsync(message, CancellationToken.None);
        }
    }
}
