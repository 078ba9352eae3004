using System.Net.Http.Headers;
using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// Conditional writes: sends the resource as FHIR JSON and reads back the id and version from Location (or
/// Content-Location), ETag, or the returned resource, whichever the server gave.
/// </summary>
internal static class FhirServerWriter
{
    public static async Task<FhirServerWrite> WriteAsync(
        FhirServerExchange exchange,
        FhirServerAddress address,
        HttpMethod method,
        Uri url,
        Resource resource,
        string? ifNoneExist,
        string partnerId,
        CancellationToken ct)
    {
        var call = new FhirServerCall(partnerId, method.Method, resource.TypeName);
        using var request = new HttpRequestMessage(method, url);
        request.Content = new ByteArrayContent(FhirServerJson.Serialize(resource));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(FhirServerJson.MediaType) { CharSet = "utf-8" };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirServerJson.MediaType));
        if (ifNoneExist is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Exist", ifNoneExist);
        }

        using var response = await exchange.SendAsync(request, call, ct);
        await exchange.ThrowIfFailedAsync(request, response, call, ct);

        var location = response.Headers.Location ?? response.Content.Headers.ContentLocation;
        if (location is not null && !location.IsAbsoluteUri)
        {
            location = new Uri(address.BaseUrl, location);
        }

        var (id, versionId) = FhirServerLocation.Parse(location);
        versionId ??= FhirServerLocation.VersionOf(response.Headers.ETag);
        var body = await exchange.ReadBodyAsync(response, call, exchange.Options.MaxContentBytes, ct);
        if (body is { Length: > 0 } && FhirServerJson.TryDeserialize(body) is { } returned && returned.TypeName == resource.TypeName)
        {
            id ??= returned.Id;
            versionId ??= returned.Meta?.VersionId;
        }

        return new FhirServerWrite(id, versionId, location, Created: (int)response.StatusCode == 201);
    }
}
