using System.Diagnostics;

namespace ImeBridge.Adapters.PartnerWebhooks;

/// <summary>
/// The POSTs the resilience pipeline made within one call, each with its answer or failure: the pipeline's retries
/// happen inside one <c>SendAsync</c>, and the delivery log must still show every one of them.
/// </summary>
internal sealed class InCallAttempts
{
    public static readonly HttpRequestOptionsKey<InCallAttempts> Key = new("ImeBridge.PartnerWebhooks.InCallAttempts");

    private readonly List<InCallAttempt> attempts = [];

    public IReadOnlyList<InCallAttempt> All
    {
        get
        {
            lock (attempts)
            {
                return [.. attempts];
            }
        }
    }

    public void Add(InCallAttempt attempt)
    {
        lock (attempts)
        {
            attempts.Add(attempt);
        }
    }
}

/// <param name="HttpStatus">The endpoint's status; null when no answer came (<paramref name="ErrorKind"/> says why).</param>
internal sealed record InCallAttempt(DateTimeOffset At, int? HttpStatus, string? ErrorKind, long DurationMs);

/// <summary>
/// Sits inside the resilience pipeline (it sees each try) and notes it in the request's <see cref="InCallAttempts"/>.
/// </summary>
internal sealed class InCallAttemptRecorder(TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(InCallAttempts.Key, out var trail);
        var at = time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            trail?.Add(new InCallAttempt(at, (int)response.StatusCode, null, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            return response;
        }
        catch (Exception ex) when (trail is not null)
        {
            trail.Add(new InCallAttempt(at, null, ex.GetType().Name, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            throw;
        }
    }
}
