using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// The innermost handler: one log line per HTTP exchange with partner, method, resource type, attempt, status and
/// duration. Never the URL (its query can carry identifiers), a header or a body.
/// </summary>
internal sealed class FhirServerAttemptLogHandler(ILogger<FhirServerAttemptLogHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = FhirServerTransport.CallOf(request);
        var attempt = FhirServerTransport.NextAttempt(request);
        var started = FhirServerTransport.Clock.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            logger.Log(
                response.IsSuccessStatusCode || status is 404 or 410 ? LogLevel.Debug : LogLevel.Warning,
                "FHIR partner {PartnerId} {Method} {ResourceType} attempt {Attempt}: HTTP {Status} in {DurationMs} ms",
                call.PartnerId, call.Method, call.ResourceType, attempt, status, ElapsedMs(started));
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            logger.LogWarning(
                "FHIR partner {PartnerId} {Method} {ResourceType} attempt {Attempt}: no answer ({Failure}) after {DurationMs} ms",
                call.PartnerId, call.Method, call.ResourceType, attempt, Describe(e, cancellationToken), ElapsedMs(started));
            throw;
        }
    }

    private static string Describe(Exception e, CancellationToken ct) => e switch
    {
        HttpRequestException { HttpRequestError: var error } => error.ToString(),
        OperationCanceledException when ct.IsCancellationRequested => "cancelled or timed out",
        _ => e.GetType().Name,
    };

    private static long ElapsedMs(long started) => (long)FhirServerTransport.Clock.GetElapsedTime(started).TotalMilliseconds;
}
