using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>The pages of one search: each must be a Bundle; a <c>next</c> link is followed only under the base URL, and only once.</summary>
internal sealed class FhirServerPages(FhirServerAddress address, FhirServerCall call, ILogger logger)
{
    private readonly HashSet<string> visited = new(StringComparer.Ordinal);

    public async Task<Bundle> ReadAsync(FhirServerExchange exchange, Uri url, CancellationToken ct)
    {
        visited.Add(url.AbsoluteUri);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirServerJson.MediaType));
        using var response = await exchange.SendAsync(request, call, ct);
        var resource = await exchange.ReadResourceAsync(request, response, call, ct);
        return resource as Bundle
            ?? throw FhirServerFailures.Refused(call, $"answered a search with a {resource.TypeName} instead of a Bundle", (int)response.StatusCode);
    }

    public Uri? NextOf(Bundle bundle)
    {
        var link = bundle.Link.FirstOrDefault(l => string.Equals(l.Relation, "next", StringComparison.Ordinal))?.Url;
        if (string.IsNullOrEmpty(link))
        {
            return null;
        }

        var next = Uri.TryCreate(link, UriKind.RelativeOrAbsolute, out var parsed) ? address.Resolve(parsed) : null;
        if (next is null)
        {
            logger.LogWarning(
                "FHIR partner {PartnerId} {Method} {ResourceType}: the next page link is not under the base URL; not followed",
                call.PartnerId, call.Method, call.ResourceType);
            return null;
        }

        if (visited.Contains(next.AbsoluteUri))
        {
            logger.LogWarning(
                "FHIR partner {PartnerId} {Method} {ResourceType}: the next page link repeats an earlier page; not followed",
                call.PartnerId, call.Method, call.ResourceType);
            return null;
        }

        return next;
    }
}
