namespace ImeBridge.Adapters.Http;

/// <summary>The <c>Retry-After</c> of an answer, in delta seconds or as an HTTP date (measured against the answer's Date).</summary>
public static class RetryAfterHeader
{
    public static TimeSpan? Of(HttpResponseMessage? response, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - (response!.Headers.Date ?? clock.GetUtcNow());
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
