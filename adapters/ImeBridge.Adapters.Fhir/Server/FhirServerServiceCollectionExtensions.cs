using ImeBridge.Adapters.Fhir.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

public static class FhirServerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FhirServerClients"/>: IHttpClientFactory clients with, outermost first, the partner's
    /// resilience pipeline (retry, circuit breaker, attempt timeout; one pipeline per partner), the bearer token handler
    /// and a per-attempt log; and the token sources. The caller configures <see cref="FhirServerClientsOptions"/>.
    /// The factory's own request logging is removed: it would log URLs, whose queries can carry identifiers.
    /// </summary>
    public static IServiceCollection AddImeBridgeFhirServerClients(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<FhirServerClientsOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FhirServerClientsOptions>, FhirServerClientsOptionsValidation>());
        services.TryAddSingleton<FhirServerTokenSources>();
        services.TryAddSingleton<FhirServerClients>();
        services.TryAddTransient<FhirServerAuthHandler>();
        services.TryAddTransient<FhirServerAttemptLogHandler>();

        services.AddHttpClient(FhirServerTransport.ServerClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddPartnerResilience("fhir-server")
            .AddHttpMessageHandler<FhirServerAuthHandler>()
            .AddHttpMessageHandler<FhirServerAttemptLogHandler>();

        services.AddHttpClient(FhirServerTransport.TokenClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddPartnerResilience("fhir-token")
            .AddHttpMessageHandler<FhirServerAttemptLogHandler>();

        return services;
    }

    private static IHttpClientBuilder AddPartnerResilience(this IHttpClientBuilder http, string pipelineName)
    {
        http.AddResilienceHandler(pipelineName, static (pipeline, context) =>
            {
                var servers = context.ServiceProvider.GetRequiredService<IOptions<FhirServerClientsOptions>>().Value.Servers;
                FhirServerResilience.Configure(pipeline, servers.TryGetValue(context.InstanceName, out var options) ? options : new FhirServerOptions());
            })
            .SelectPipelineBy(static _ => request => FhirServerTransport.PartnerOf(request));
        return http;
    }
}
