using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>The FHIR server client of each configured partner (a singleton). Settings are validated on first use.</summary>
public sealed class FhirServerClients
{
    private readonly IOptions<FhirServerClientsOptions> options;
    private readonly IHttpClientFactory httpClients;
    private readonly ILogger<FhirServerClient> logger;
    private readonly ConcurrentDictionary<string, Lazy<FhirServerClient?>> clients = new(StringComparer.Ordinal);

    public FhirServerClients(IOptions<FhirServerClientsOptions> options, IHttpClientFactory httpClients, ILogger<FhirServerClient> logger)
    {
        this.options = options;
        this.httpClients = httpClients;
        this.logger = logger;
    }

    /// <summary>The partner's client, or null when the partner has no FHIR server configured.</summary>
    public FhirServerClient? For(string partnerId)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        return clients.GetOrAdd(partnerId, id => new Lazy<FhirServerClient?>(() => Create(id))).Value;
    }

    private FhirServerClient? Create(string partnerId) =>
        options.Value.Servers.TryGetValue(partnerId, out var server)
            ? new FhirServerClient(partnerId, server, () => httpClients.CreateClient(FhirServerTransport.ServerClientName), logger)
            : null;
}
