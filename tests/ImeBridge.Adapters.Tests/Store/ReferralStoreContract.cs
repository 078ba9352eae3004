using System.Text.Json;
using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Store;

/// <summary>
/// What every <see cref="IReferralStore"/> adapter must do: store, deduplicate (also under concurrency), emit its
/// messages in the same transaction, keep rejections. Subclass it once per adapter (SQLite, PostgreSQL).
/// </summary>
public abstract partial class ReferralStoreContract
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    protected ReferralStoreContract()
    {
        Time = new FakeTimeProvider(Start);
    }

    protected FakeTimeProvider Time { get; }

    /// <summary>A new, empty store and the queue it emits into.</summary>
    protected abstract Task<StoreUnderTest> CreateStoreAsync(FakeTimeProvider time);

    /// <summary>New instances over the storage of the store created last, as after a process restart.</summary>
    protected abstract Task<StoreUnderTest> ReopenStoreAsync(FakeTimeProvider time);

    private Task<StoreUnderTest> CreateAsync() => CreateStoreAsync(Time);

    [Fact]
    public async Task An_accepted_referral_is_returned_with_its_timeline()
    {
        var (store, _) = await CreateAsync();
        var referral = Referrals.New(Time, externalId: "EXT-1", deliveryId: "msg_1");

        var outcome = await store.AcceptAsync(referral, CancellationToken.None);
        var stored = await store.GetAsync(referral.ReferralId, CancellationToken.None);

        Assert.Equal(new AcceptOutcome(referral.ReferralId, ReferralStatus.Received, Duplicate: false), outcome);
        Assert.NotNull(stored);
        Assert.Equal(referral.ReferralId, stored.ReferralId);
        Assert.Equal("acme", stored.PartnerId);
        Assert.Equal(ReferralStatus.Received, stored.Status);
        Assert.Equal(referral.ReferralId, stored.Referral.ReferralId);
        Assert.Equal("EXT-1", stored.Referral.Source.ExternalId);
        Assert.Equal(Referrals.ClaimantLastName, stored.Referral.Claimant.LastName);
        Assert.Equal(new DateOnly(1978, 4, 12), stored.Referral.Claimant.DateOfBirth);
        Assert.Equal("Is further treatment necessary?", Assert.Single(stored.Referral.Request.Questions).Text);
        var entry = Assert.Single(stored.Timeline);
        Assert.Equal(referral.FirstEntry, entry);
    }

    [Fact]
    public async Task The_original_bytes_are_kept_with_the_referral_and_read_back_exactly_after_a_restart()
    {
        var (store, _) = await CreateAsync();
        var bytes = "{\"as\": \"received\", \"spacing\":  kept}"u8.ToArray();
        var referral = Referrals.New(Time, externalId: "EXT-1", deliveryId: "msg_1");
        var original = IntakeOriginal.From(bytes, "application/json").KeptWith(referral.ReferralId);

        await store.AcceptAsync(referral with { Original = original }, CancellationToken.None);
        var (reopened, _) = await ReopenStoreAsync(Time);

        Assert.Equal("intake:referral/" + referral.ReferralId, original.Reference.StoreRef);
        Assert.Equal(bytes, await reopened.ReadOriginalAsync(original.Reference, CancellationToken.None));
        Assert.Null(await reopened.ReadOriginalAsync(original.Reference with { Sha256 = new string('0', 64) }, CancellationToken.None));
        Assert.Null(await reopened.ReadOriginalAsync(IntakeOriginal.From("{}"u8.ToArray(), "application/json").Reference, CancellationToken.None));
    }

    [Fact]
    public async Task An_original_named_by_its_content_is_kept_and_read_back_by_it()
    {
        var (store, _) = await CreateAsync();
        var bytes = "{\"named\": \"by content\"}"u8.ToArray();
        var original = IntakeOriginal.From(bytes, "application/json");

        await store.AcceptAsync(Referrals.New(Time, externalId: "EXT-2", deliveryId: "msg_2") with { Original = original }, CancellationToken.None);

        Assert.Equal("intake:sha256/" + original.Reference.Sha256, original.Reference.StoreRef);
        Assert.Equal(bytes, await store.ReadOriginalAsync(original.Reference, CancellationToken.None));
    }

    [Fact]
    public async Task The_original_bytes_of_a_rejection_are_kept_and_survive_a_restart()
    {
        var (store, _) = await CreateAsync();
        var bytes = "not json at all"u8.ToArray();
        var original = IntakeOriginal.From(bytes, "application/json");
        var rejection = new RejectedIntake("rej_1", Start, "webhook", "acme", "msg_9", original.Reference, [new FieldError("$", "is not valid JSON")]);

        await store.RecordRejectionAsync(rejection, original, CancellationToken.None);
        var (reopened, _) = await ReopenStoreAsync(Time);

        Assert.Equal(bytes, await reopened.ReadOriginalAsync(original.Reference, CancellationToken.None));
        Assert.Equal(original.Reference, Assert.Single(await reopened.ListRejectionsAsync(10, CancellationToken.None)).Original);
    }

    [Fact]
    public async Task The_same_delivery_rejected_again_is_kept_once_under_its_first_id()
    {
        var (store, _) = await CreateAsync();
        var first = new RejectedIntake("rej_1", Start, "sftp", "acme", "file-sha:7", null, [new FieldError("claim.dateOfInjury", "is not a date")]);
        var again = first with { RejectionId = "rej_2", At = Start.AddMinutes(5) };
        var otherPartner = first with { RejectionId = "rej_3", PartnerId = "globex" };

        Assert.Equal("rej_1", await store.RecordRejectionAsync(first, null, CancellationToken.None));
        Assert.Equal("rej_1", await store.RecordRejectionAsync(again, null, CancellationToken.None));
        Assert.Equal("rej_3", await store.RecordRejectionAsync(otherPartner, null, CancellationToken.None));

        var kept = await store.ListRejectionsAsync(10, CancellationToken.None);
        Assert.Equal(["rej_3", "rej_1"], kept.Select(r => r.RejectionId).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task An_unknown_referral_is_null()
    {
        var (store, _) = await CreateAsync();

        Assert.Null(await store.GetAsync("ref_does_not_exist", CancellationToken.None));
    }

    [Fact]
    public async Task The_same_delivery_again_returns_the_first_referral_as_a_duplicate_and_emits_nothing()
    {
        var (store, queue) = await CreateAsync();
        var first = Referrals.New(Time, externalId: "EXT-1", deliveryId: "msg_1");
        await store.AcceptAsync(first, CancellationToken.None);

        var again = await store.AcceptAsync(Referrals.New(Time, externalId: "EXT-other", deliveryId: "msg_1"), CancellationToken.None);

        Assert.Equal(new AcceptOutcome(first.ReferralId, ReferralStatus.Received, Duplicate: true), again);
        var emitted = Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None));
        Assert.Equal(first.ReferralId, emitted.SessionId);
    }

    [Fact]
    public async Task The_same_external_id_in_another_delivery_returns_the_first_referral_as_a_duplicate()
    {
        var (store, queue) = await CreateAsync();
        var first = Referrals.New(Time, externalId: "EXT-1", deliveryId: "msg_1");
        await store.AcceptAsync(first, CancellationToken.None);
        var second = Referrals.New(Time, externalId: "EXT-1", deliveryId: "msg_2");

        var again = await store.AcceptAsync(second, CancellationToken.None);

        Assert.Equal(new AcceptOutcome(first.ReferralId, ReferralStatus.Received, Duplicate: true), again);
        Assert.Null(await store.GetAsync(second.ReferralId, CancellationToken.None));
        Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Dedupe_keys_belong_to_one_partner()
    {
        var (store, _) = await CreateAsync();
        var acme = Referrals.New(Time, partnerId: "acme", externalId: "EXT-1", deliveryId: "msg_1");
        var globex = Referrals.New(Time, partnerId: "globex", externalId: "EXT-1", deliveryId: "msg_1");

        Assert.False((await store.AcceptAsync(acme, CancellationToken.None)).Duplicate);
        Assert.False((await store.AcceptAsync(globex, CancellationToken.None)).Duplicate);
        Assert.NotNull(await store.GetAsync(globex.ReferralId, CancellationToken.None));
    }

    [Fact]
    public async Task Referrals_without_external_or_delivery_id_are_never_duplicates()
    {
        var (store, _) = await CreateAsync();

        var first = await store.AcceptAsync(Referrals.New(Time), CancellationToken.None);
        var second = await store.AcceptAsync(Referrals.New(Time), CancellationToken.None);

        Assert.False(first.Duplicate);
        Assert.False(second.Duplicate);
        Assert.NotEqual(first.ReferralId, second.ReferralId);
    }

    [Fact]
    public async Task Twenty_identical_deliveries_at_once_store_one_referral_and_all_callers_get_its_id()
    {
        var (store, queue) = await CreateAsync();
        var attempts = Enumerable.Range(0, 20).Select(_ => Referrals.New(Time, externalId: "EXT-1", deliveryId: "msg_1")).ToList();

        var outcomes = await Task.WhenAll(attempts.Select(r => Task.Run(() => store.AcceptAsync(r, CancellationToken.None))));

        var stored = Assert.Single(outcomes, o => !o.Duplicate);
        Assert.All(outcomes, o => Assert.Equal(stored.ReferralId, o.ReferralId));
        Assert.Single(await queue.ReceiveAsync(100, CancellationToken.None));
        var others = attempts.Where(a => a.ReferralId != stored.ReferralId);
        foreach (var other in others)
        {
            Assert.Null(await store.GetAsync(other.ReferralId, CancellationToken.None));
        }
    }

    [Fact]
    public async Task The_emitted_messages_are_on_the_queue_once_the_accept_returns()
    {
        var (store, queue) = await CreateAsync();
        var referral = Referrals.New(Time, deliveryId: "msg_1");

        await store.AcceptAsync(referral, CancellationToken.None);

        var message = Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None));
        Assert.Equal(referral.Emit[0].MessageId, message.MessageId);
        Assert.Equal(MessageTypes.ReferralReceived, message.Type);
        Assert.Equal(referral.ReferralId, message.SessionId);
        var body = JsonSerializer.Deserialize<ReferralReceived>(message.Body.Span, MessageJson.Options);
        Assert.Equal(referral.ReferralId, body!.ReferralId);
        Assert.Equal(Start, message.EnqueuedAt);
    }

    [Fact]
    public async Task A_rejection_is_recorded_and_listed_newest_first()
    {
        var (store, _) = await CreateAsync();
        var original = new ImeBridge.Core.Model.DocumentRef(new string('b', 64), 42, "text/csv", "local:sha256/" + new string('b', 64));
        var older = new RejectedIntake("rej_1", Start, "sftp", "acme", "batch.csv:3", original, [new FieldError("claimant.dateOfBirth", "must be a real calendar date written YYYY-MM-DD")]);
        var newer = new RejectedIntake("rej_2", Start.AddMinutes(1), "webhook", null, null, null, [new FieldError("claim.jurisdiction", "is required"), new FieldError("claimant.phone", "must be a phone number")]);

        await store.RecordRejectionAsync(older, null, CancellationToken.None);
        await store.RecordRejectionAsync(newer, null, CancellationToken.None);
        var listed = await store.ListRejectionsAsync(10, CancellationToken.None);
        var latest = await store.ListRejectionsAsync(1, CancellationToken.None);

        Assert.Equal(["rej_2", "rej_1"], listed.Select(r => r.RejectionId));
        Assert.Equal("rej_2", Assert.Single(latest).RejectionId);
        var first = listed[1];
        Assert.Equal(older.At, first.At);
        Assert.Equal(older.Channel, first.Channel);
        Assert.Equal(older.PartnerId, first.PartnerId);
        Assert.Equal(older.DeliveryId, first.DeliveryId);
        Assert.Equal(older.Original, first.Original);
        Assert.Equal(older.Errors, first.Errors);
        Assert.Equal(newer.Errors, listed[0].Errors);
        Assert.Null(listed[0].Original);
    }

    [Fact]
    public async Task A_rejection_is_read_back_by_its_id_and_an_unknown_id_is_null()
    {
        var (store, _) = await CreateAsync();
        var original = new ImeBridge.Core.Model.DocumentRef(new string('c', 64), 7, "application/json", "intake:sha256/" + new string('c', 64));
        var rejection = new RejectedIntake("rej_7", Start, "webhook", "acme", "msg_7", original, [new FieldError("claim.jurisdiction", "is required")]);
        await store.RecordRejectionAsync(rejection, null, CancellationToken.None);

        var read = await store.GetRejectionAsync("rej_7", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(rejection.At, read.At);
        Assert.Equal(rejection.Original, read.Original);
        Assert.Equal(rejection.Errors, read.Errors);
        Assert.Null(read.Replayed);
        Assert.Null(await store.GetRejectionAsync("rej_unknown", CancellationToken.None));
    }

    [Fact]
    public async Task A_replayed_rejection_shows_the_referral_it_became_in_get_and_list()
    {
        var (store, _) = await CreateAsync();
        await store.RecordRejectionAsync(new RejectedIntake("rej_1", Start, "webhook", "acme", "msg_1", null, [new FieldError("claim", "is required")]), null, CancellationToken.None);
        var replayedAt = Start.AddMinutes(5);

        var marked = await store.MarkRejectionReplayedAsync("rej_1", "ref_fixed", replayedAt, CancellationToken.None);
        var unknown = await store.MarkRejectionReplayedAsync("rej_unknown", "ref_fixed", replayedAt, CancellationToken.None);

        Assert.True(marked);
        Assert.False(unknown);
        Assert.Equal(new RejectionReplay("ref_fixed", replayedAt), (await store.GetRejectionAsync("rej_1", CancellationToken.None))?.Replayed);
        Assert.Equal(new RejectionReplay("ref_fixed", replayedAt), Assert.Single(await store.ListRejectionsAsync(10, CancellationToken.None)).Replayed);
    }

    [Fact]
    public async Task Two_thousand_concurrent_accepts_are_all_stored()
    {
        var (store, _) = await CreateAsync();
        var referrals = Enumerable.Range(0, 2000).Select(i => Referrals.New(Time, externalId: $"EXT-{i}", deliveryId: $"msg_{i}")).ToList();

        var outcomes = await Task.WhenAll(referrals.Select(r => store.AcceptAsync(r, CancellationToken.None)));

        Assert.All(outcomes, o => Assert.False(o.Duplicate));
        Assert.Equal(referrals.Select(r => r.ReferralId), outcomes.Select(o => o.ReferralId));
        foreach (var referral in referrals.Where((_, i) => i % 97 == 0))
        {
            Assert.NotNull(await store.GetAsync(referral.ReferralId, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Referrals_rejections_and_emitted_messages_survive_reopening()
    {
        var (store, _) = await CreateAsync();
        var referral = Referrals.New(Time, externalId: "EXT-1", deliveryId: "msg_1");
        await store.AcceptAsync(referral, CancellationToken.None);
        await store.RecordRejectionAsync(new RejectedIntake("rej_1", Start, "webhook", "acme", "msg_9", null, [new FieldError("claim", "is required")]), null, CancellationToken.None);

        var (reopened, queue) = await ReopenStoreAsync(Time);

        var stored = await reopened.GetAsync(referral.ReferralId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Single(stored.Timeline);
        Assert.Equal("rej_1", Assert.Single(await reopened.ListRejectionsAsync(10, CancellationToken.None)).RejectionId);
        Assert.Equal(referral.ReferralId, Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None)).SessionId);
        Assert.True((await reopened.AcceptAsync(Referrals.New(Time, deliveryId: "msg_1"), CancellationToken.None)).Duplicate);
    }
}
