using ImeBridge.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>
/// <c>GET /api/health</c>: 200 while the worker is up. Functions serves every route under the <c>api</c> prefix
/// (host.json), so this is <c>/health</c> under <c>imebridge serve</c> but <c>/api/health</c> here.
/// </summary>
public sealed class Health(ReferralApi api)
{
    public const string Route = "health";

    [Function(nameof(Health))]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.Health();
    }
}
