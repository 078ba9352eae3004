using System.Collections.Concurrent;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Tests.Batch;

/// <summary>
/// <see cref="IReferralStore"/> as the port promises it, in memory: deduplicates referrals on partner + delivery id and
/// partner + external id, and rejections on partner + delivery id; finds kept referrals by claim key in accept order.
/// Each write yields first, so a batch has many in flight at once as it would against the real store. With <c>keepReferrals: false</c> it keeps only the keys.
/// </summary>
internal sealed class InMemoryReferralStore(bool keepReferrals = true) : IReferralStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, AcceptOutcome> byDelivery = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AcceptOutcome> byExternalId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> rejectionByDelivery = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredReferral> referrals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RejectedIntake> rejections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> originals = new(StringComparer.Ordinal);
    private readonly List<(string ClaimKey, string ReferralId)> acceptedClaimKeys = [];
    private int inFlight;

    /// <summary>Called inside every write, before it takes effect: lets a test fail or slow the store.</summary>
    public Func<Task>? BeforeWrite { get; set; }

    public int ReferralCount { get; private set; }

    public int RejectionCount => rejectionByDelivery.Count;

    /// <summary>How many distinct original byte sequences are kept (with referrals and with rejections).</summary>
    public int OriginalCount => originals.Count;

    /// <summary>The most writes that were in flight at the same time.</summary>
    public int MaxInFlight { get; private set; }

    public IReadOnlyCollection<StoredReferral> Referrals => referrals.Values.ToList();

    public IReadOnlyCollection<RejectedIntake> Rejections => rejections.Values.ToList();

    public async Task<AcceptOutcome> AcceptAsync(NewReferral referral, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            var source = referral.Referral.Source;
            lock (gate)
            {
                var deliveryKey = $"{referral.PartnerId}\n{source.DeliveryId}";
                var externalKey = $"{referral.PartnerId}\n{source.ExternalId}";
                if (source.DeliveryId is not null && byDelivery.TryGetValue(deliveryKey, out var sameDelivery))
                {
                    return sameDelivery with { Duplicate = true };
                }

                if (byExternalId.TryGetValue(externalKey, out var sameReferral))
                {
                    return sameReferral with { Duplicate = true };
                }

                var outcome = new AcceptOutcome(referral.ReferralId, referral.Referral.Status!, Duplicate: false);
                byExternalId[externalKey] = outcome;
                if (source.DeliveryId is not null)
                {
                    byDelivery[deliveryKey] = outcome;
                }

                ReferralCount++;
                if (referral.Original is not null)
                {
                    originals[referral.Original.Reference.Sha256] = referral.Original.Content.ToArray();
                }

                if (Core.Workflow.Linking.ClaimKey.For(referral.Referral) is { } claimKey)
                {
                    acceptedClaimKeys.Add((claimKey, referral.ReferralId));
                }

                if (keepReferrals)
                {
                    referrals[referral.ReferralId] = new StoredReferral(referral.ReferralId, referral.PartnerId, outcome.Status, referral.Referral, [referral.FirstEntry]);
                }

                return outcome;
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    public Task<StoredReferral?> GetAsync(string referralId, CancellationToken cancellationToken) =>
        Task.FromResult(referrals.GetValueOrDefault(referralId));

    public async Task<string> RecordRejectionAsync(RejectedIntake rejection, IntakeOriginal? original, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            lock (gate)
            {
                var deliveryKey = $"{rejection.PartnerId}\n{rejection.DeliveryId}";
                if (rejection.DeliveryId is not null && rejectionByDelivery.TryGetValue(deliveryKey, out var earlier))
                {
                    return earlier;
                }

                rejectionByDelivery[deliveryKey] = rejection.RejectionId;
                if (keepReferrals)
                {
                    rejections[rejection.RejectionId] = rejection;
                    if (original is not null)
                    {
                        originals[original.Reference.Sha256] = original.Content.ToArray();
                    }
                }

                return rejection.RejectionId;
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    public Task<byte[]?> ReadOriginalAsync(DocumentRef original, CancellationToken cancellationToken) =>
        Task.FromResult(originals.GetValueOrDefault(original.Sha256));

    public Task<IReadOnlyList<RejectedIntake>> ListRejectionsAsync(int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RejectedIntake>>([.. rejections.Values.OrderByDescending(r => r.At).Take(max)]);

    public Task<RejectedIntake?> GetRejectionAsync(string rejectionId, CancellationToken cancellationToken) =>
        Task.FromResult(rejections.GetValueOrDefault(rejectionId));

    public Task<bool> MarkRejectionReplayedAsync(string rejectionId, string referralId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    public Task<TransitionOutcome> TransitionAsync(ReferralTransition transition, CancellationToken cancellationToken) =>
        throw new NotSupportedException("batch tests do not move referrals through the workflow");

    public Task<bool> AppendTimelineAsync(string referralId, TimelineEntry entry, CancellationToken cancellationToken) =>
        throw new NotSupportedException("batch tests do not move referrals through the workflow");

    public Task<IReadOnlyList<ReferralSummary>> ListReferralsAsync(ReferralQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("batch tests do not list referrals");

    public Task<IReadOnlyList<ReferralSummary>> FindByClaimKeyAsync(string claimKey, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ReferralSummary>>([.. acceptedClaimKeys
                .Where(k => k.ClaimKey == claimKey && referrals.ContainsKey(k.ReferralId))
                .Select(k => referrals[k.ReferralId])
                .Select(r => new ReferralSummary(r.ReferralId, r.PartnerId, r.Status, r.Referral.Source.ReceivedAt ?? default, r.Referral.Source.ReceivedAt ?? default))]);
        }
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref inFlight);
        lock (gate)
        {
            MaxInFlight = Math.Max(MaxInFlight, now);
        }

        try
        {
            await Task.Yield();
            if (BeforeWrite is { } before)
            {
                await before();
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
        catch
        {
            Interlocked.Decrement(ref inFlight);
            throw;
        }
    }
}
