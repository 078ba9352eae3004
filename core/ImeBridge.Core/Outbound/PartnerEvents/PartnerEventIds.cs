using System.Security.Cryptography;
using System.Text;

namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>
/// Event ids derived from the queue message that caused the event, so a handler that runs twice makes the same
/// event (and the same delivery ids) instead of a second one.
/// </summary>
public static class PartnerEventIds
{
    public static string For(string eventType, string sourceMessageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentException.ThrowIfNullOrEmpty(sourceMessageId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(eventType + "|" + sourceMessageId));
        return "evt_" + Convert.ToHexStringLower(hash)[..32];
    }
}
