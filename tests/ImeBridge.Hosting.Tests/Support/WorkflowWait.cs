using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>Waits for the workflow (run by the app's queue pump) to move a referral on.</summary>
internal static class WorkflowWait
{
    public static Task<StoredReferral> UntilTriagedAsync(IServiceProvider services, string referralId) =>
        UntilAsync(services, referralId, stored => stored.Status != ReferralStatus.Received, "triaged");

    /// <summary>The referral once it is in <paramref name="status"/>.</summary>
    public static Task<StoredReferral> UntilStatusAsync(IServiceProvider services, string referralId, string status) =>
        UntilAsync(services, referralId, stored => stored.Status == status, status);

    /// <summary>The referral once its timeline has an entry with <paramref name="eventName"/> (counting from <paramref name="atLeast"/> such entries).</summary>
    public static Task<StoredReferral> UntilEventAsync(IServiceProvider services, string referralId, string eventName, int atLeast = 1) =>
        UntilAsync(services, referralId, stored => stored.Timeline.Count(e => e.Event == eventName) >= atLeast, eventName);

    public static Task<StoredReferral> UntilAsync(IServiceProvider services, string referralId, Func<StoredReferral, bool> done, string what)
    {
        var store = services.GetRequiredService<IReferralStore>();
        StoredReferral? last = null;
        return Eventually.GetAsync(
            async () =>
            {
                last = await store.GetAsync(referralId, CancellationToken.None);
                return last is not null && done(last) ? last : null;
            },
            TimeSpan.FromSeconds(20),
            () => $"referral {referralId} did not reach '{what}' in time; it is {last?.Status} after {string.Join(", ", last?.Timeline.Select(e => e.Event) ?? [])}");
    }
}
