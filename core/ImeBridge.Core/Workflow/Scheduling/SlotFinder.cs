using ImeBridge.Core.Experts;

namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// Which of an expert's open slots a referral may book: on or after the earliest date the jurisdiction's claimant
/// notice allows (counted on the office's local date), on or before the due date when there is one, not held by
/// another referral, on a local date where the expert has not reached <see cref="Expert.CapacityPerDay"/>, and not a
/// slot this referral had before (a rescheduled or missed appointment is not offered again).
/// </summary>
public static class SlotFinder
{
    /// <param name="referralId">The referral booking; its own booking neither takes a slot nor fills a day.</param>
    /// <param name="bookings">The slots of <paramref name="expert"/> held by referrals.</param>
    /// <param name="earlierStarts">Starts of this referral's earlier appointments.</param>
    public static SlotSearch Find(
        Expert expert,
        string referralId,
        NoticeRule notice,
        DateOnly? dueDate,
        DateTimeOffset now,
        IReadOnlyList<ExpertBooking> bookings,
        IReadOnlyCollection<DateTimeOffset> earlierStarts)
    {
        ArgumentNullException.ThrowIfNull(expert);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(bookings);
        ArgumentNullException.ThrowIfNull(earlierStarts);
        // Looked up once per search, not once per slot: an expert may list hundreds of slots and hold hundreds of bookings.
        var others = bookings.Where(b => b.ReferralId != referralId && b.ExpertId == expert.ExpertId).ToList();
        var context = new SearchContext(
            others.Select(b => b.Start).ToHashSet(),
            others.CountBy(b => b.LocalDate).ToDictionary(),
            expert.Offices.DistinctBy(o => o.TimeZone).ToDictionary(o => o.TimeZone, o => notice.EarliestExamDate(now, o.TimeZone), StringComparer.Ordinal));
        var excluded = new Dictionary<string, int>(StringComparer.Ordinal);
        var options = new List<SlotOption>();
        foreach (var slot in expert.AvailabilitySlots.OrderBy(s => s.Start))
        {
            if (Exclusion(expert, slot, dueDate, now, context, earlierStarts, out var option) is { } reason)
            {
                excluded[reason] = excluded.GetValueOrDefault(reason) + 1;
            }
            else
            {
                options.Add(option!);
            }
        }

        return new SlotSearch(options, excluded, expert.AvailabilitySlots.Count);
    }

    private static string? Exclusion(
        Expert expert,
        AvailabilitySlot slot,
        DateOnly? dueDate,
        DateTimeOffset now,
        SearchContext context,
        IReadOnlyCollection<DateTimeOffset> earlierStarts,
        out SlotOption? option)
    {
        option = null;
        var office = expert.Offices.FirstOrDefault(o => o.Id == slot.OfficeId);
        if (office is null)
        {
            return SlotSearch.UnknownOffice;
        }

        var earliest = context.EarliestByTimeZone[office.TimeZone];
        var local = OfficeTime.Local(slot.Start, office.TimeZone);
        var localDate = DateOnly.FromDateTime(local);
        if (localDate < earliest || slot.Start <= now)
        {
            return SlotSearch.BeforeNotice;
        }

        if (dueDate is { } due && localDate > due)
        {
            return SlotSearch.AfterDue;
        }

        if (earlierStarts.Contains(slot.Start))
        {
            return SlotSearch.EarlierAppointment;
        }

        if (context.TakenStarts.Contains(slot.Start))
        {
            return SlotSearch.Taken;
        }

        if (expert.CapacityPerDay is { } capacity && context.BookedPerDay.GetValueOrDefault(localDate) >= capacity)
        {
            return SlotSearch.FullDay;
        }

        option = new SlotOption(slot, office, local, earliest);
        return null;
    }

    /// <param name="TakenStarts">Starts of the expert's slots held by other referrals.</param>
    /// <param name="BookedPerDay">The expert's bookings by other referrals per office-local date.</param>
    /// <param name="EarliestByTimeZone">The first exam date the notice allows, per office time zone.</param>
    private sealed record SearchContext(HashSet<DateTimeOffset> TakenStarts, Dictionary<DateOnly, int> BookedPerDay, Dictionary<string, DateOnly> EarliestByTimeZone);
}
