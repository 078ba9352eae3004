using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ImeBridge.Adapters.Http;

/// <summary>
/// The Polly pipeline of every outbound HTTP client, outermost first: jittered exponential retries (honouring
/// <c>Retry-After</c> up to <see cref="OutboundHttpPolicy.MaxRetryAfter"/>), a circuit breaker per endpoint (scheme,
/// host and port: one partner's outage does not open another's circuit), then the per-attempt timeout.
/// </summary>
public static class OutboundHttpResilience
{
    /// <summary>Delays and timeouts are real time, never the business clock a host or a test registers.</summary>
    public static readonly TimeProvider Clock = TimeProvider.System;

    public static IHttpClientBuilder AddOutboundResilience(this IHttpClientBuilder http, string pipelineName, OutboundHttpPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(policy);
        http.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        http.AddResilienceHandler(pipelineName, pipeline => Configure(pipeline, policy)).SelectPipelineByAuthority();
        return http;
    }

    /// <summary>Whether an answer's status says the request may be tried again later (408, 429, 5xx).</summary>
    public static bool IsTransient(int status) => status is 408 or 429 or >= 500;

    internal static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, OutboundHttpPolicy policy)
    {
        pipeline.TimeProvider = Clock;
        if (policy.MaxAttempts > 1)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = policy.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.RetryBaseDelay,
                MaxDelay = policy.MaxRetryAfter > policy.RetryBaseDelay ? policy.MaxRetryAfter : policy.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, policy)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterHeader.Of(args.Outcome.Result, Clock)),
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = Math.Max(2, policy.BreakerMinimumThroughput),
            SamplingDuration = TimeSpan.FromSeconds(60),
            BreakDuration = policy.BreakDuration,
        });
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = policy.AttemptTimeout });
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, OutboundHttpPolicy policy) => outcome switch
    {
        { Exception: { } ex } => NeverReachedTheEndpoint(ex) || (policy.RetryWhenMaybeReceived && ex is HttpRequestException or TimeoutRejectedException),
        { Result: { } response } => WaitIsAcceptable(response, policy) && ((int)response.StatusCode == 429 || (policy.RetryWhenMaybeReceived && IsTransient((int)response.StatusCode))),
        _ => false,
    };

    private static bool NeverReachedTheEndpoint(Exception ex) =>
        ex is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable } };

    private static bool WaitIsAcceptable(HttpResponseMessage response, OutboundHttpPolicy policy) =>
        RetryAfterHeader.Of(response, Clock) is not { } wait || wait <= policy.MaxRetryAfter;
}
