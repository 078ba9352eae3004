namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>The <c>Retry-After</c> of an answer, in delta seconds or as an HTTP date (measured against the answer's Date).</summary>
internal static class FhirServerRetryAfter
{
    public static TimeSpan? Of(HttpResponseMessage? response, TimeProvider clock)
    {
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
            var now = response!.Headers.Date ?? clock.GetUtcNow();
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
