using System.Diagnostics;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>
/// Waits for something the running app does in the background (the queue pump, a hosted poller) by asking again
/// every 50 ms. The time limit is a bound against a hang, measured on a stopwatch, never an assertion about speed.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The first non-null answer of <paramref name="probe"/>; fails the test with <paramref name="failure"/> when none comes within <paramref name="limit"/>.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan limit, Func<string> failure)
        where T : class
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (waited.Elapsed > limit)
            {
                Assert.Fail(failure());
                throw new TimeoutException();
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test with <paramref name="failure"/> when it does not within <paramref name="limit"/>.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan limit, string failure) =>
        GetAsync<object>(async () => await condition() ? failure : null, limit, () => failure);
}
