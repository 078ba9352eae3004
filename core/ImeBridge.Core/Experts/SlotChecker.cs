namespace ImeBridge.Core.Experts;

/// <summary>Checks availability slots against the expert's checked offices.</summary>
internal static class SlotChecker
{
    public static List<AvailabilitySlot> Check(IReadOnlyList<SlotDraft> drafts, IReadOnlyList<ExpertOffice> offices, ExpertFieldNames names, RowErrors errors)
    {
        var slots = new List<AvailabilitySlot>();
        for (var i = 0; i < drafts.Count; i++)
        {
            if (Check(drafts[i], offices, column => names.Slot(i, column), errors) is { } slot)
            {
                slots.Add(slot);
            }
        }

        return slots;
    }

    /// <summary>One slot; <paramref name="column"/> names its fields (start, durationMinutes, officeId).</summary>
    public static AvailabilitySlot? Check(SlotDraft draft, IReadOnlyList<ExpertOffice> offices, Func<string, string> column, RowErrors errors)
    {
        var before = errors.Count;
        var start = default(DateTimeOffset);
        if (draft.Start is null)
        {
            errors.Add(column("start"), "is required");
        }
        else if (!SlotInstants.TryParse(draft.Start, out start))
        {
            errors.Add(column("start"), SlotInstants.Reason);
        }

        if (draft.DurationMinutes is not { } minutes)
        {
            errors.Add(column("durationMinutes"), "is required");
            minutes = 0;
        }
        else
        {
            errors.Check(column("durationMinutes"), ExpertRules.SlotMinutes(minutes));
        }

        var officeId = draft.OfficeId ?? (offices.Count == 1 ? offices[0].Id : null);
        if (officeId is null)
        {
            errors.Add(column("officeId"), "is required when the expert has more than one office (or none)");
        }
        else if (offices.All(o => o.Id != officeId))
        {
            errors.Add(column("officeId"), "is not the id of one of the expert's offices");
        }

        return errors.Count == before ? new AvailabilitySlot(start, minutes, officeId!) : null;
    }
}
