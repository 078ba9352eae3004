using ImeBridge.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>The expert directory under <c>/api/ops/experts</c> (see <see cref="OpsExpertsApi"/>), with the operator token.</summary>
public sealed class OperationsExperts(OpsExpertsApi api)
{
    [Function("OpsImportExperts")]
    public Task<IResult> ImportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/experts")] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.ImportAsync(request, cancellationToken);

    [Function("OpsListExperts")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/experts")] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.ListAsync(request, cancellationToken);

    [Function("OpsGetExpert")]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/experts/{expertId}")] HttpRequest request,
        string expertId,
        CancellationToken cancellationToken) =>
        api.GetAsync(request, expertId, cancellationToken);

    [Function("OpsRemoveExpert")]
    public Task<IResult> RemoveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "ops/experts/{expertId}")] HttpRequest request,
        string expertId,
        CancellationToken cancellationToken) =>
        api.RemoveAsync(request, expertId, cancellationToken);
}
