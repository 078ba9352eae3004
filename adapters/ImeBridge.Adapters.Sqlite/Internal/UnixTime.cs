namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>Instants are stored as Unix milliseconds (UTC).</summary>
internal static class UnixTime
{
    public static long Now(TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    public static long ToMilliseconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>A duration in whole milliseconds, never negative.</summary>
    public static long Milliseconds(TimeSpan duration) => duration <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(duration.TotalMilliseconds);
}
