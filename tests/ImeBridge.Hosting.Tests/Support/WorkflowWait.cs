using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>Waits for the workflow (run by the app's queue pump) to move a referral on from Received.</summary>
internal static class WorkflowWait
{
    public static async Task<StoredReferral> UntilTriagedAsync(IServiceProvider services, string referralId)
    {
        var store = services.GetRequiredService<IReferralStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await store.GetAsync(referralId, CancellationToken.None) is { } stored && stored.Status != ReferralStatus.Received)
            {
                return stored;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"referral {referralId} was not triaged in time");
        throw new TimeoutException();
    }
}
