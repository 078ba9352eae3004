using ImeBridge.Core.Workflow.Scheduling;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>
/// Booking an expert slot: the checks (slot free, daily capacity) and the write in one transaction that holds the
/// expert's advisory lock, so two processes booking the same expert take turns.
/// </summary>
internal static class ExpertBookingWrites
{
    public static async Task<bool> TryBookAsync(NpgsqlConnection connection, ExpertBooking booking, int? capacityPerDay, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockExpert = new NpgsqlCommand(ExpertBookingSql.LockExpert, connection, transaction).Text("expert_id", booking.ExpertId))
        {
            await lockExpert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var slot = new NpgsqlCommand(ExpertBookingSql.SlotHolder, connection, transaction)
            .Text("expert_id", booking.ExpertId)
            .Instant("slot_start", booking.Start))
        {
            if (await slot.ExecuteScalarAsync(cancellationToken) is string holder && holder != booking.ReferralId)
            {
                return false;
            }
        }

        if (capacityPerDay is { } capacity)
        {
            await using var others = new NpgsqlCommand(ExpertBookingSql.OthersOnDay, connection, transaction)
                .Text("expert_id", booking.ExpertId)
                .Date("local_date", booking.LocalDate)
                .Text("referral_id", booking.ReferralId);
            if ((long)(await others.ExecuteScalarAsync(cancellationToken))! >= capacity)
            {
                return false;
            }
        }

        await using (var upsert = new NpgsqlCommand(ExpertBookingSql.Upsert, connection, transaction)
            .Text("referral_id", booking.ReferralId)
            .Text("expert_id", booking.ExpertId)
            .Instant("slot_start", booking.Start)
            .Date("local_date", booking.LocalDate)
            .Text("office_id", booking.OfficeId)
            .Instant("booked_at", booking.BookedAt))
        {
            try
            {
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.IsUniqueViolation())
            {
                // Bookings of one expert take turns, so this is only a safety net: the slot is held by another referral.
                return false;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
