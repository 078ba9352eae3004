using System.Globalization;
using ImeBridge.Core.Workflow.Scheduling;

namespace ImeBridge.Core.Outbound.ClaimantMessages;

/// <summary>
/// Names one booking: the moment it was booked. A rebooking at the very same slot is a new booking with a new key, so
/// its notice is sent again; the reminders of the booking it replaced no longer match and are dropped.
/// </summary>
public static class AppointmentKey
{
    public static string Of(CaseAppointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return "a" + appointment.BookedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
    }
}
