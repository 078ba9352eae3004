using ImeBridge.Core.Json;
using ImeBridge.Core.Outbound;
using Microsoft.AspNetCore.Http;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// What operators watch of the outbound side, with the operator bearer: the alert list (an SMS that did not arrive, a
/// bounce, a dead-lettered webhook, an unreachable report recipient, a claimant asking to reschedule) and every
/// message sent for one referral with its provider status. Recipients are masked: operators see which channel and
/// what happened, the full address stays in the case.
/// </summary>
public sealed class OpsOutboundApi(IOperatorAlerts alerts, IOutboundLedger ledger, OperatorAuth auth)
{
    /// <summary><c>GET /api/ops/alerts?all=true&amp;max=N</c>: open alerts, newest first (with <c>all</c>, resolved ones too).</summary>
    public async Task<IResult> ListAlertsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        var includeResolved = bool.TryParse(request.Query["all"], out var all) && all;
        var max = int.TryParse(request.Query["max"], out var parsed) ? parsed : 100;
        var list = await alerts.ListAsync(includeResolved, max, cancellationToken);
        return TypedResults.Json(new { alerts = list }, ReferralJson.Options);
    }

    /// <summary><c>POST /api/ops/alerts/{key}/resolve</c>: 204, or 404 for an unknown key.</summary>
    public async Task<IResult> ResolveAlertAsync(HttpRequest request, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        return await alerts.ResolveAsync(key, cancellationToken)
            ? TypedResults.NoContent()
            : ProblemResults.NotFound("Alert not found", $"No alert '{key}'.");
    }

    /// <summary><c>GET /api/ops/referrals/{referralId}/messages</c>: every outbound message of the referral, oldest first.</summary>
    public async Task<IResult> ListMessagesAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        var records = await ledger.ListForReferralAsync(referralId, cancellationToken);
        return TypedResults.Json(new { messages = records.Select(r => r with { Recipient = RecipientMask.Mask(r.Recipient) }) }, ReferralJson.Options);
    }
}
