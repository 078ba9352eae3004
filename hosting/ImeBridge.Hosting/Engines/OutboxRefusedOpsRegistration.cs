using ImeBridge.Adapters.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImeBridge.Hosting.Engines;

/// <summary>The operator routes for outbox messages the bus refused (<see cref="OutboxRefusedOpsApi"/>), on every engine.</summary>
public static class OutboxRefusedOpsRegistration
{
    /// <summary>
    /// Registers <see cref="OutboxRefusedOpsApi"/>. <see cref="OutboxRefusals"/> is resolved as optional: only the
    /// PostgreSQL store with an external bus registers it, and without it the routes say there is no outbox.
    /// </summary>
    public static IServiceCollection AddOutboxRefusedOps(this IServiceCollection services)
    {
        services.TryAddScoped(sp => new OutboxRefusedOpsApi(sp.GetRequiredService<OperatorAuth>(), sp.GetService<OutboxRefusals>()));
        return services;
    }

    public static IEndpointRouteBuilder MapOutboxRefusedOpsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(
                "/api/ops/outbox/refused",
                (HttpRequest request, [FromServices] OutboxRefusedOpsApi api, CancellationToken cancellationToken) =>
                    api.ListAsync(request, cancellationToken))
            .WithName("OpsListRefusedOutbox");
        // {seq} without a route constraint: a seq that is not a number gets a 400 naming it, not a bare 404.
        app.MapPost(
                "/api/ops/outbox/refused/{seq}/replay",
                (HttpRequest request, string seq, [FromServices] OutboxRefusedOpsApi api, CancellationToken cancellationToken) =>
                    api.ReplayAsync(request, seq, cancellationToken))
            .WithName("OpsReplayRefusedOutbox");
        app.MapPost(
                "/api/ops/outbox/refused/{seq}/discard",
                (HttpRequest request, string seq, [FromServices] OutboxRefusedOpsApi api, CancellationToken cancellationToken) =>
                    api.DiscardAsync(request, seq, cancellationToken))
            .WithName("OpsDiscardRefusedOutbox");
        return app;
    }
}
