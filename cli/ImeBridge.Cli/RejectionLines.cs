using System.Globalization;
using ImeBridge.Core.Ports;

namespace ImeBridge.Cli;

/// <summary>How <c>imebridge rejections</c> prints a rejection: ids, times, counts and field paths, never a submitted value.</summary>
internal static class RejectionLines
{
    /// <summary><c>rej_…  2026-03-02T14:00:00Z  webhook  demo  msg_…  3 errors[  replayed -> ref_…]</c>.</summary>
    public static string Summary(RejectedIntake rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var errors = rejection.Errors.Count == 1 ? "1 error" : $"{rejection.Errors.Count.ToString(CultureInfo.InvariantCulture)} errors";
        var line = string.Join(
            "  ",
            rejection.RejectionId,
            Utc(rejection.At),
            rejection.Channel,
            rejection.PartnerId ?? "-",
            rejection.DeliveryId ?? "-",
            errors);
        return rejection.Replayed is { } replayed ? $"{line}  replayed -> {replayed.ReferralId}" : line;
    }

    /// <summary><c>FIELD: reason</c>.</summary>
    public static string Error(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return $"{error.Path}: {error.Reason}";
    }

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
