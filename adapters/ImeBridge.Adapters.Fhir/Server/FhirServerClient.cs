using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// ImeBridge's client of one partner's FHIR R4 server; thread-safe, one per partner (see <see cref="FhirServerClients"/>).
/// It only ever asks for URLs under <see cref="BaseUrl"/>. Authentication, retries, timeouts and the circuit breaker live
/// in the HTTP handlers; this class shapes requests and reads answers.
/// </summary>
public sealed class FhirServerClient
{
    private const string Get = "GET";
    private const string UnknownType = "(other)";

    private readonly FhirServerAddress address;
    private readonly FhirServerExchange exchange;

    internal FhirServerClient(string partnerId, FhirServerOptions options, Func<HttpClient> httpClients, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        PartnerId = partnerId;
        address = new FhirServerAddress(options.BaseUrl ?? throw new ArgumentException("The FHIR server options have no base URL.", nameof(options)));
        exchange = new FhirServerExchange(options, httpClients, logger);
    }

    public string PartnerId { get; }

    /// <summary>The base URL, ending with a slash.</summary>
    public Uri BaseUrl => address.BaseUrl;

    /// <summary>
    /// <c>Type/id</c> or <c>Type/id/_history/vid</c> → a URL under <see cref="BaseUrl"/>; an absolute URL → itself when it
    /// is under the base URL (same scheme, host, port and path prefix); anything else (another host, a contained or
    /// urn reference) → null.
    /// </summary>
    public Uri? Locate(string reference) => address.Locate(reference);

    /// <summary>GETs a resource; null on 404 or 410. A reference outside the base URL is refused without a request.</summary>
    public async Task<FhirServerRead?> ReadAsync(string reference, CancellationToken ct)
    {
        var url = address.Locate(reference);
        var call = new FhirServerCall(PartnerId, Get, url is null ? UnknownType : address.ResourceTypeOf(url));
        if (url is null)
        {
            throw FhirServerFailures.Refused(call, "refused to read a reference that is not under the server's base URL");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirServerJson.MediaType));
        using var response = await exchange.SendAsync(request, call, ct);
        if ((int)response.StatusCode is 404 or 410)
        {
            return null;
        }

        var resource = await exchange.ReadResourceAsync(request, response, call, ct);
        if (call.ResourceType != UnknownType && resource.TypeName != call.ResourceType)
        {
            throw FhirServerFailures.Refused(call, $"answered with a {resource.TypeName} instead", (int)response.StatusCode);
        }

        return new FhirServerRead(resource, url);
    }

    /// <summary>
    /// The bytes behind an <c>Attachment.url</c> (relative URLs resolve against the base; only URLs under it are read).
    /// A FHIR Binary answer gives its decoded data and content type; any other answer its raw bytes and Content-Type.
    /// More than <see cref="FhirServerOptions.MaxContentBytes"/> is refused while streaming. Null on 404 or 410.
    /// </summary>
    public async Task<FhirServerContent?> ReadContentAsync(Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var located = address.Resolve(url);
        var call = new FhirServerCall(PartnerId, Get, located is null ? UnknownType : address.ResourceTypeOf(located));
        if (located is null)
        {
            throw FhirServerFailures.Refused(call, "refused to read content that is not under the server's base URL");
        }

        return await FhirServerContentReader.ReadAsync(exchange, located, call, ct);
    }

    /// <summary>
    /// GET <c>[base]/Type?params</c>, then the Bundle's <c>next</c> links while they stay under the base URL, yielding
    /// at most <paramref name="maxPages"/> pages.
    /// </summary>
    public async IAsyncEnumerable<Bundle> SearchAsync(
        string resourceType,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        int maxPages,
        [EnumeratorCancellation] CancellationToken ct)
    {
        if (!FhirServerAddress.IsResourceType(resourceType))
        {
            throw new ArgumentException("Not a FHIR resource type name.", nameof(resourceType));
        }

        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        var call = new FhirServerCall(PartnerId, Get, resourceType);
        var pages = new FhirServerPages(address, call, exchange.Logger);
        Uri? next = FhirServerQuery.Search(BaseUrl, resourceType, parameters);
        for (var page = 1; next is not null; page++)
        {
            var bundle = await pages.ReadAsync(exchange, next, ct);
            yield return bundle;
            next = page < maxPages ? pages.NextOf(bundle) : null;
        }
    }

    /// <summary>Conditional update: PUT <c>[base]/Type?identifier=system|value</c> with the resource as FHIR JSON.</summary>
    public Task<FhirServerWrite> UpsertByIdentifierAsync(Resource resource, Identifier identifier, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var url = new Uri(BaseUrl, $"{resource.TypeName}?{FhirServerQuery.ByIdentifier(identifier)}");
        return FhirServerWriter.WriteAsync(exchange, address, HttpMethod.Put, url, resource, ifNoneExist: null, PartnerId, ct);
    }

    /// <summary>Conditional create: POST <c>[base]/Type</c> with <c>If-None-Exist: identifier=system|value</c>.</summary>
    public Task<FhirServerWrite> CreateIfNoneExistAsync(Resource resource, Identifier identifier, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var condition = FhirServerQuery.ByIdentifier(identifier);
        var url = new Uri(BaseUrl, resource.TypeName);
        return FhirServerWriter.WriteAsync(exchange, address, HttpMethod.Post, url, resource, condition, PartnerId, ct);
    }
}
