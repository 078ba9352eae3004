using ImeBridge.Hosting.Engines;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>
/// An operator lists, replays or discards the outbox messages Service Bus refused (see <see cref="OutboxRefusedOpsApi"/>),
/// with the operator token.
/// </summary>
public sealed class OperationsOutboxRefused(OutboxRefusedOpsApi api)
{
    [Function("OpsListRefusedOutbox")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/outbox/refused")] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.ListAsync(request, cancellationToken);

    [Function("OpsReplayRefusedOutbox")]
    public Task<IResult> ReplayAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/outbox/refused/{seq}/replay")] HttpRequest request,
        string seq,
        CancellationToken cancellationToken) =>
        api.ReplayAsync(request, seq, cancellationToken);

    [Function("OpsDiscardRefusedOutbox")]
    public Task<IResult> DiscardAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/outbox/refused/{seq}/discard")] HttpRequest request,
        string seq,
        CancellationToken cancellationToken) =>
        api.DiscardAsync(request, seq, cancellationToken);
}
