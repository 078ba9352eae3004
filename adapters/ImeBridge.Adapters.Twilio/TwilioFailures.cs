using System.Globalization;
using System.Net.Sockets;
using ImeBridge.Adapters.Http;
using ImeBridge.Core.Outbound;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Twilio.Exceptions;
using TwilioResponse = Twilio.Http.Response;

namespace ImeBridge.Adapters.Twilio;

/// <summary>
/// Turns what went wrong into <see cref="SmsSendException"/>, whose message names only the HTTP status and Twilio's
/// error code: Twilio's own messages quote the number, so they never travel on.
/// <list type="bullet">
/// <item>429: not sent, transient, with its Retry-After.</item>
/// <item>Other 4xx (21610 unsubscribed, 21211 invalid number, 20003 credentials …): Twilio refused it; not sent, not transient.</item>
/// <item>5xx: outcome unknown (not <see cref="SmsSendException.NotSent"/>, not transient). Twilio does not document
/// that a 5xx from the Messages API means no message was created, and a second send would be a second SMS to the
/// claimant; the caller leaves it to the status callback or an operator.</item>
/// <item>No answer in time, or the connection dropped after the request left: outcome unknown, as for 5xx.</item>
/// <item>Connection refused, host not found, circuit open: the request never left; not sent, transient.</item>
/// </list>
/// </summary>
public static class TwilioFailures
{
    public static SmsSendException FromAnswer(ApiException refused, TwilioResponse? response)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var status = response is not null ? (int)response.StatusCode : refused.Status;
        var code = refused.Code > 0 ? refused.Code.ToString(CultureInfo.InvariantCulture) : null;
        var described = string.Create(CultureInfo.InvariantCulture, $"HTTP {status}{(code is null ? "" : $", Twilio error {code}")}");
        if (status == 429)
        {
            var retryAfter = response?.Headers is { } headers ? RetryAfterOf(headers) : null;
            return new SmsSendException($"Twilio is rate limiting ({described}); the SMS was not sent.", notSent: true, isTransient: true, code, retryAfter);
        }

        if (status == 408)
        {
            return new SmsSendException($"Twilio did not receive the whole request ({described}); the SMS was not sent.", notSent: true, isTransient: true, code);
        }

        if (status is >= 400 and < 500)
        {
            return new SmsSendException($"Twilio refused the SMS ({described}).", notSent: true, isTransient: false, code);
        }

        return new SmsSendException($"Twilio failed while taking the SMS ({described}); it may or may not have been sent.", notSent: false, isTransient: false, code);
    }

    /// <summary>A success status whose body is not a message: Twilio took the request, but which SID it got is unknown.</summary>
    public static SmsSendException Unreadable() =>
        new("Twilio's answer could not be read; the SMS may or may not have been sent.", notSent: false, isTransient: false);

    public static SmsSendException FromConnection(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var cause = Innermost(failure);
        if (NeverLeft(failure))
        {
            return new SmsSendException("Twilio could not be reached; the SMS was not sent.", notSent: true, isTransient: true, innerException: cause);
        }

        return IsTimeout(failure)
            ? new SmsSendException("Twilio did not answer in time; the SMS may or may not have been sent.", notSent: false, isTransient: false, innerException: cause)
            : new SmsSendException("The connection to Twilio failed after the request was sent; the SMS may or may not have been sent.", notSent: false, isTransient: false, innerException: cause);
    }

    private static bool NeverLeft(Exception failure) => Chain(failure).Any(e =>
        e is BrokenCircuitException or IsolatedCircuitException
        || e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable });

    private static bool IsTimeout(Exception failure) => Chain(failure).Any(e => e is TimeoutRejectedException or TimeoutException or TaskCanceledException);

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    /// <summary>The transport's own exception: the SDK's wrapper names the request URL, which is not needed.</summary>
    private static Exception? Innermost(Exception failure) =>
        Chain(failure).FirstOrDefault(e => e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException);

    private static TimeSpan? RetryAfterOf(System.Net.Http.Headers.HttpResponseHeaders headers)
    {
        using var answer = new HttpResponseMessage();
        if (headers.RetryAfter is { } retryAfter)
        {
            answer.Headers.RetryAfter = retryAfter;
        }

        if (headers.Date is { } date)
        {
            answer.Headers.Date = date;
        }

        return RetryAfterHeader.Of(answer, OutboundHttpResilience.Clock);
    }
}
