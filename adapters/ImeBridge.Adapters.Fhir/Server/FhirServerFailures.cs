using ImeBridge.Adapters.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>Turns every way a call can fail into a <see cref="FhirServerException"/> whose message is safe to log.</summary>
internal static class FhirServerFailures
{
    /// <summary>Failures of the transport (no answer), as opposed to the caller cancelling.</summary>
    public static bool IsNoAnswer(Exception e, CancellationToken ct) =>
        e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);

    public static FhirServerException NoAnswer(FhirServerCall call, Exception e, int attempts) => e switch
    {
        BrokenCircuitException => new($"{call}: not sent, the circuit is open after repeated failures", null, isTransient: true, innerException: e),
        TimeoutRejectedException => new($"{call}: timed out ({Attempts(attempts)})", null, isTransient: true, innerException: e),
        HttpRequestException http => new($"{call}: no answer, {http.HttpRequestError} ({Attempts(attempts)})", null, isTransient: true, innerException: e),
        _ => new($"{call}: no answer ({Attempts(attempts)})", null, isTransient: true, innerException: e),
    };

    public static FhirServerException FromAnswer(FhirServerCall call, HttpResponseMessage response, byte[]? body, int attempts)
    {
        var status = (int)response.StatusCode;
        var transient = FhirServerTransport.IsTransient(status);
        var retryAfter = RetryAfterHeader.Of(response, FhirServerTransport.Clock);
        var codes = FhirServerOutcome.IssueCodes(body, response.Content.Headers.ContentType?.MediaType);
        var issues = codes.Count > 0 ? $"; issues: {string.Join(", ", codes)}" : string.Empty;
        var wait = retryAfter is { } after ? $"; retry after {after.TotalSeconds:0} s" : string.Empty;
        var kind = transient ? "transient" : "not transient";
        return new($"{call}: HTTP {status} ({kind}, {Attempts(attempts)}{wait}{issues})", status, transient, retryAfter, codes);
    }

    /// <summary>Refused before sending anything, or an answer that cannot be used; not worth retrying.</summary>
    public static FhirServerException Refused(FhirServerCall call, string why, int? status = null) =>
        new(status is { } s ? $"{call}: HTTP {s}, {why}" : $"{call}: {why}", status, isTransient: false);

    private static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";
}
