using ImeBridge.Core.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Hosting.Engines;

/// <summary>
/// <c>GET /health</c> (<c>/api/health</c> in the Functions app): asks each engine in use a read that touches it (the
/// store lists one referral, the queue peeks its dead letters, the document store looks up a hash) and answers 200
/// when all three answer, 503 otherwise. Each probe is bounded by <see cref="ProbeTimeout"/> of wall-clock time, so an
/// unreachable database cannot hang the endpoint; the adapters are resolved inside the probe, because opening one
/// (PostgreSQL migrates on first use) is itself the first thing that can hang.
/// </summary>
public sealed class EngineHealth(IServiceProvider services, EngineSettings engines, ILogger<EngineHealth> logger)
{
    /// <summary>How long one probe may take; a real network bound, so the system clock and not the host's TimeProvider.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public const string Ok = "ok";
    public const string Failed = "failed";

    // SHA-256 of no bytes: a valid key no document has to exist under.
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public async Task<IResult> HealthAsync(CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(
            ProbeAsync("store", StoreEngine, async (sp, ct) => await sp.GetRequiredService<IReferralStore>().ListReferralsAsync(new ReferralQuery([], Max: 1), ct), cancellationToken),
            ProbeAsync("queue", QueueEngine, async (sp, ct) => await sp.GetRequiredService<IMessageQueue>().PeekDeadLettersAsync(1, ct), cancellationToken),
            ProbeAsync("documents", DocumentsEngine, async (sp, ct) =>
            {
                await using var found = await sp.GetRequiredService<IDocumentStore>().OpenAsync(EmptySha256, ct);
            }, cancellationToken));
        var healthy = checks.All(c => c.Status == Ok);
        var body = new HealthResponse(healthy ? Ok : Failed) { Checks = checks };
        return healthy ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private string StoreEngine => engines.Store == StateEngine.Postgres ? "postgres" : "sqlite";

    // The embedded bus is a table in the store's own database.
    private string QueueEngine => engines.Bus == BusEngine.ServiceBus ? "servicebus" : StoreEngine;

    private string DocumentsEngine => engines.BlobDocuments is null ? "localFiles" : "azureBlob";

    private async Task<EngineCheck> ProbeAsync(string name, string engine, Func<IServiceProvider, CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ProbeTimeout);
        try
        {
            // Task.Run: resolving an adapter may block synchronously (a DI factory opening a database).
            await Task.Run(() => probe(services, bounded.Token), bounded.Token).WaitAsync(bounded.Token);
            return new EngineCheck(name, engine, Ok);
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Health: {Check} ({Engine}) did not answer within {Timeout}", name, engine, ProbeTimeout);
            return new EngineCheck(name, engine, Failed, "timeout");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The type only: a driver's message can name a host or a user.
            logger.LogWarning("Health: {Check} ({Engine}) failed: {ExceptionType}", name, engine, ex.GetType().Name);
            return new EngineCheck(name, engine, Failed, "error");
        }
    }
}
