using ImeBridge.Hosting.Engines;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>
/// <c>GET /api/health</c>: 200 when the store, the queue and the document store in use answer, 503 naming the one that
/// does not. Functions serves every route under the <c>api</c> prefix (host.json), so this is <c>/health</c> under
/// <c>imebridge serve</c> but <c>/api/health</c> here.
/// </summary>
public sealed class Health(EngineHealth health)
{
    public const string Route = "health";

    [Function(nameof(Health))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return health.HealthAsync(cancellationToken);
    }
}
