using System.Diagnostics;

namespace ImeBridge.Cli.Tests.Support;

internal static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every <paramref name="every"/> until it holds; false when <paramref name="within"/> passed first.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan within, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > within)
            {
                return false;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }

        return true;
    }
}
