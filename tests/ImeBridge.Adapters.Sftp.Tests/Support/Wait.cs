namespace ImeBridge.Adapters.Sftp.Tests.Support;

internal static class Wait
{
    /// <summary>Polls <paramref name="condition"/> in real time (SSH I/O does not follow the fake clock) for up to 30 s.</summary>
    public static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true within 30 s");
            await Task.Delay(50);
        }
    }
}
