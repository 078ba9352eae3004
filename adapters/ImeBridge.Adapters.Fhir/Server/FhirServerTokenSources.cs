using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>The token source of each partner that has <see cref="FhirServerOptions.Auth"/>; one per partner, made on first use.</summary>
internal sealed class FhirServerTokenSources(
    IOptions<FhirServerClientsOptions> options,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    ILogger<FhirServerTokenSource> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<FhirServerTokenSource?>> sources = new(StringComparer.Ordinal);

    public FhirServerTokenSource? For(string partnerId) =>
        sources.GetOrAdd(partnerId, id => new Lazy<FhirServerTokenSource?>(() => Create(id))).Value;

    public void Dispose()
    {
        foreach (var source in sources.Values)
        {
            if (source.IsValueCreated)
            {
                source.Value?.Dispose();
            }
        }
    }

    private FhirServerTokenSource? Create(string partnerId) =>
        options.Value.Servers.TryGetValue(partnerId, out var server) && server.Auth is { } auth
            ? new FhirServerTokenSource(partnerId, auth, httpClients, clock, logger)
            : null;
}
