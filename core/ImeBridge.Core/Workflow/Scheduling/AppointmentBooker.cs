using System.Globalization;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// Books the earliest slot of a referral's matched expert that <see cref="SlotFinder"/> allows, holding it in the
/// directory (<see cref="IExpertDirectory.TryBookAsync"/>) so no other referral takes it. When another referral wins
/// a slot between the look and the hold, the next one is tried.
/// </summary>
public sealed class AppointmentBooker(IExpertDirectory directory, TimeProvider time)
{
    /// <param name="scheduling">The referral's scheduling so far; the starts in its history are not offered again.</param>
    public async Task<BookingResult> BookAsync(StoredReferral stored, CaseScheduling scheduling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(scheduling);
        if (stored.Case.Match is not { } match)
        {
            return new BookingResult(null, "no expert is matched to the referral: match one first");
        }

        var expert = await directory.GetAsync(match.ExpertId, cancellationToken);
        if (expert is null)
        {
            return new BookingResult(null, $"the matched expert {match.ExpertId} is no longer in the directory");
        }

        if (!expert.Active)
        {
            return new BookingResult(null, $"the matched expert {match.ExpertId} no longer takes referrals");
        }

        var notice = NoticeRule.For(stored.Referral.Claim.Jurisdiction);
        var due = stored.Referral.Request.DueDate;
        var now = time.GetUtcNow();
        var bookings = await directory.ListBookingsAsync(expert.ExpertId, cancellationToken);
        var earlier = scheduling.History.Select(h => h.Appointment.Start).ToHashSet();
        var search = SlotFinder.Find(expert, stored.ReferralId, notice, due, now, bookings, earlier);
        var lost = 0;
        foreach (var option in search.Options)
        {
            var booking = new ExpertBooking(expert.ExpertId, option.Slot.Start, option.LocalDate, option.Office.Id, stored.ReferralId, now);
            if (!await directory.TryBookAsync(booking, expert.CapacityPerDay, cancellationToken))
            {
                lost++;
                continue;
            }

            var appointment = new CaseAppointment(
                expert.ExpertId,
                option.Office.Id,
                option.Slot.Start.ToUniversalTime(),
                option.Slot.DurationMinutes,
                option.Office.TimeZone,
                option.LocalDate,
                TimeOnly.FromDateTime(option.LocalStart),
                notice.Id,
                notice.Citation,
                now);
            return new BookingResult(appointment, Booked(appointment, notice, option.EarliestAllowed, due));
        }

        var window = due is { } last
            ? string.Create(CultureInfo.InvariantCulture, $" and on or before the due date {last:yyyy-MM-dd}")
            : string.Empty;
        var raced = lost > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {lost} taken by another referral while booking") : string.Empty;
        return new BookingResult(
            null,
            $"no slot of {expert.ExpertId} qualifies: needed one meeting the notice {notice.Description} (rule {notice.Id}){window}, free and within the expert's daily capacity. {search.Summary()}{raced}");
    }

    /// <summary>"2027-03-15 09:00 America/New_York at office alb with npi:…", the words the timeline uses for an appointment.</summary>
    public static string Describe(CaseAppointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{appointment.LocalDate:yyyy-MM-dd} {appointment.LocalTime:HH:mm} {appointment.TimeZone} at office {appointment.OfficeId} with {appointment.ExpertId}");
    }

    private static string Booked(CaseAppointment appointment, NoticeRule notice, DateOnly earliest, DateOnly? due)
    {
        var dueNote = due is { } last ? string.Create(CultureInfo.InvariantCulture, $"; due {last:yyyy-MM-dd} met") : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"booked {Describe(appointment)}; notice: {notice.Description} (rule {notice.Id}) met, exam on or after {earliest:yyyy-MM-dd}{dueNote}");
    }
}
