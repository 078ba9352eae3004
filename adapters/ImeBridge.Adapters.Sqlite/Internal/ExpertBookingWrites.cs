using System.Globalization;
using ImeBridge.Core.Workflow.Scheduling;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>Booking and releasing expert slots, run by the single writer so the checks and the write are one transaction.</summary>
internal static class ExpertBookingWrites
{
    public const string DateFormat = "yyyy-MM-dd";

    public static bool TryBook(CachedCommands commands, ExpertBooking booking, int? capacityPerDay)
    {
        var start = UnixTime.ToMilliseconds(booking.Start);
        var holder = commands.Get(ExpertBookingSql.SlotHolder).Bind("$expert_id", booking.ExpertId).Bind("$slot_start", start).ExecuteScalar() as string;
        if (holder is not null && holder != booking.ReferralId)
        {
            return false;
        }

        var localDate = booking.LocalDate.ToString(DateFormat, CultureInfo.InvariantCulture);
        if (capacityPerDay is { } capacity)
        {
            var others = (long)commands.Get(ExpertBookingSql.OthersOnDay)
                .Bind("$expert_id", booking.ExpertId)
                .Bind("$local_date", localDate)
                .Bind("$referral_id", booking.ReferralId)
                .ExecuteScalar()!;
            if (others >= capacity)
            {
                return false;
            }
        }

        commands.Get(ExpertBookingSql.Upsert)
            .Bind("$referral_id", booking.ReferralId)
            .Bind("$expert_id", booking.ExpertId)
            .Bind("$slot_start", start)
            .Bind("$local_date", localDate)
            .Bind("$office_id", booking.OfficeId)
            .Bind("$booked_at", UnixTime.ToMilliseconds(booking.BookedAt))
            .ExecuteNonQuery();
        return true;
    }

    public static bool Release(CachedCommands commands, string referralId) =>
        commands.Get(ExpertBookingSql.Release).Bind("$referral_id", referralId).ExecuteNonQuery() > 0;
}
