using Resource = Hl7.Fhir.Model.Resource;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// Sends one call through the partner's handlers (auth, retries, timeouts) and reads its answer within the limits:
/// at most <see cref="FhirServerOptions.MaxContentBytes"/>, within <c>Timeout × MaxAttempts</c> after the headers.
/// Logs one line per call: partner, method, resource type, status, attempts, duration.
/// </summary>
internal sealed class FhirServerExchange(FhirServerOptions options, Func<HttpClient> httpClients, ILogger logger)
{
    private const long ErrorBodyBytes = 64 * 1024;

    public FhirServerOptions Options => options;

    public ILogger Logger => logger;

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, FhirServerCall call, CancellationToken ct)
    {
        FhirServerTransport.Describe(request, call);
        var started = FhirServerTransport.Clock.GetTimestamp();
        try
        {
            var response = await httpClients().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            logger.Log(
                response.IsSuccessStatusCode || status is 404 or 410 ? LogLevel.Information : LogLevel.Warning,
                "FHIR partner {PartnerId} {Method} {ResourceType}: HTTP {Status} after {Attempts} attempt(s) in {DurationMs} ms",
                call.PartnerId, call.Method, call.ResourceType, status, FhirServerTransport.Attempts(request), ElapsedMs(started));
            return response;
        }
        catch (Exception e) when (FhirServerFailures.IsNoAnswer(e, ct))
        {
            var failure = FhirServerFailures.NoAnswer(call, e, FhirServerTransport.Attempts(request));
            logger.LogWarning(
                "FHIR partner {PartnerId} {Method} {ResourceType}: no answer after {Attempts} attempt(s) in {DurationMs} ms ({Failure})",
                call.PartnerId, call.Method, call.ResourceType, FhirServerTransport.Attempts(request), ElapsedMs(started), e.GetType().Name);
            throw failure;
        }
    }

    /// <summary>Throws the call's <see cref="FhirServerException"/> unless the status is 2xx.</summary>
    public async Task ThrowIfFailedAsync(HttpRequestMessage request, HttpResponseMessage response, FhirServerCall call, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await ReadBodyAsync(response, call, ErrorBodyBytes, ct);
        throw FhirServerFailures.FromAnswer(call, response, body, FhirServerTransport.Attempts(request));
    }

    /// <summary>A 2xx answer's FHIR resource; any other answer, an oversized or a non-FHIR body throws.</summary>
    public async Task<Resource> ReadResourceAsync(HttpRequestMessage request, HttpResponseMessage response, FhirServerCall call, CancellationToken ct)
    {
        await ThrowIfFailedAsync(request, response, call, ct);
        var status = (int)response.StatusCode;
        var body = await ReadBodyAsync(response, call, options.MaxContentBytes, ct) ?? throw TooLarge(call, status);
        return FhirServerJson.TryDeserialize(body)
            ?? throw FhirServerFailures.Refused(call, "answered with a body that is not FHIR R4 JSON", status);
    }

    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public async Task<byte[]?> ReadBodyAsync(HttpResponseMessage response, FhirServerCall call, long maxBytes, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        using var budget = new CancellationTokenSource(options.Timeout * Math.Max(1, options.MaxAttempts), FhirServerTransport.Clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try
        {
            return await FhirServerBody.ReadAsync(response.Content, maxBytes, linked.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new FhirServerException($"{call}: HTTP {status}, timed out reading the answer", status, isTransient: true, innerException: e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new FhirServerException($"{call}: HTTP {status}, the answer was cut off", status, isTransient: true, innerException: e);
        }
    }

    public static FhirServerException TooLarge(FhirServerCall call, int status) =>
        FhirServerFailures.Refused(call, "answered with more than MaxContentBytes", status);

    private static long ElapsedMs(long started) => (long)FhirServerTransport.Clock.GetElapsedTime(started).TotalMilliseconds;
}
