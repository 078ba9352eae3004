using ImeBridge.Adapters.Http;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// The Polly pipeline of one partner, outermost first: retry (idempotent requests only; 408, 429, 5xx, network errors
/// and attempt timeouts; exponential backoff with jitter, or the server's Retry-After when it is at most
/// <see cref="FhirServerOptions.MaxRetryAfter"/>), a circuit breaker, then the per-attempt timeout.
/// </summary>
internal static class FhirServerResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, FhirServerOptions options)
    {
        // Never the business clock a host (or a test) registers: delays and timeouts are real time.
        pipeline.TimeProvider = FhirServerTransport.Clock;

        if (options.MaxAttempts > 1)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryAfter > options.RetryBaseDelay ? options.MaxRetryAfter : options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome, options)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterHeader.Of(args.Outcome.Result, FhirServerTransport.Clock)),
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 10,
            SamplingDuration = TimeSpan.FromSeconds(60),
            BreakDuration = TimeSpan.FromSeconds(30),
        });

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.Timeout });
    }

    private static bool ShouldRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome, FhirServerOptions options)
    {
        if (!FhirServerTransport.IsRetryable(context.GetRequestMessage()))
        {
            return false;
        }

        return outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } response } => FhirServerTransport.IsTransient((int)response.StatusCode) && WaitIsAcceptable(response, options),
            _ => false,
        };
    }

    // A Retry-After longer than the caller accepts is not waited for: the answer goes back and becomes an exception.
    private static bool WaitIsAcceptable(HttpResponseMessage response, FhirServerOptions options) =>
        RetryAfterHeader.Of(response, FhirServerTransport.Clock) is not { } wait || wait <= options.MaxRetryAfter;
}
