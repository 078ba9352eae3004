using System.Globalization;
using System.Text.Json.Nodes;

namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>
/// The body a partner receives: <c>{ "type", "timestamp", "data": { ids and states } }</c>, and with a full payload
/// <c>data.referral</c> as <c>GET /api/referrals/{id}</c> shows it. Shapes: <c>schemas/events/{type}.schema.json</c>.
/// </summary>
public static class PartnerEventPayload
{
    public static byte[] Build(PartnerEvent evt, JsonObject? referral = null)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var data = new JsonObject();
        foreach (var (key, value) in evt.Data.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data[key] = value;
        }

        if (referral is not null)
        {
            data["referral"] = referral.DeepClone();
        }

        var payload = new JsonObject
        {
            ["type"] = evt.Type,
            ["timestamp"] = evt.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["data"] = data,
        };
        return System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString());
    }
}
