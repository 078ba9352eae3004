using System.Net;
using System.Net.Http.Headers;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// Adds <c>Authorization: Bearer</c> from the partner's token source. A 401 drops the cached token, and the request is
/// sent once more with a fresh one; a second 401 goes back to the caller (and becomes a non-transient failure).
/// </summary>
internal sealed class FhirServerAuthHandler(FhirServerTokenSources tokenSources) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var tokens = tokenSources.For(FhirServerTransport.PartnerOf(request));
        if (tokens is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var token = await tokens.GetAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        tokens.Invalidate(token);
        token = await tokens.GetAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }
}
