namespace ImeBridge.Core.Experts;

/// <summary>Checks an <see cref="ExpertDraft"/> value by value and builds the <see cref="Expert"/> when all is well.</summary>
internal static class ExpertDraftChecker
{
    public static Expert? Check(ExpertDraft draft, ExpertFieldNames names, RowErrors errors)
    {
        var before = errors.Count;
        var npi = Required(draft.Npi, names.Field("npi"), errors);
        if (npi is not null)
        {
            errors.Check(names.Field("npi"), ExpertRules.Npi(npi));
        }

        if (draft.ExpertId is { } id)
        {
            errors.Check(names.Field("expertId"), ExpertRules.ExpertId(id));
        }

        var name = Required(draft.Name, names.Field("name"), errors);
        if (draft.Email is { } email)
        {
            errors.Check(names.Field("email"), ExpertRules.Email(email));
        }
        CheckSpecialties(draft, names, errors);
        var states = CheckStates(draft, names, errors);
        var languages = CheckLanguages(draft, names, errors);
        var offices = OfficeChecker.Check(draft.Offices, names, errors);
        var slots = SlotChecker.Check(draft.Slots, offices, names, errors);
        CheckNumbers(draft, names, errors);
        if (draft.PracticeId is not null && draft.PracticeName is null)
        {
            errors.Add(names.PracticeName, "is required when a practice id is given");
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new Expert
        {
            ExpertId = draft.ExpertId ?? ExpertIds.FromNpi(npi!),
            Name = name!,
            Npi = npi!,
            Email = draft.Email,
            Specialties = [.. draft.Specialties],
            BoardCertifications = [.. draft.BoardCertifications],
            LicensedStates = states,
            Practice = draft.PracticeName is { } practice ? new ExpertPractice(draft.PracticeId, practice) : null,
            Offices = offices,
            Languages = languages,
            AvailabilitySlots = slots,
            CapacityPerDay = draft.CapacityPerDay,
            RecentTurnaroundDays = [.. draft.RecentTurnaroundDays],
            AverageTurnaroundDays = draft.AverageTurnaroundDays,
            Active = draft.Active ?? true,
        };
    }

    private static string? Required(string? value, string column, RowErrors errors)
    {
        if (value is null)
        {
            errors.Add(column, "is required");
        }

        return value;
    }

    private static void CheckSpecialties(ExpertDraft draft, ExpertFieldNames names, RowErrors errors)
    {
        if (draft.Specialties.Count == 0)
        {
            errors.Add(names.Field("specialties"), "needs at least one NUCC taxonomy code");
        }

        for (var i = 0; i < draft.Specialties.Count; i++)
        {
            var (column, prefix) = names.SpecialtyCode(i);
            errors.Check(column, ExpertRules.TaxonomyCode(draft.Specialties[i].Code), prefix);
        }
    }

    private static List<string> CheckStates(ExpertDraft draft, ExpertFieldNames names, RowErrors errors)
    {
        if (draft.LicensedStates.Count == 0)
        {
            errors.Add(names.Field("licensedStates"), "needs at least one two-letter US state");
        }

        var states = new List<string>();
        for (var i = 0; i < draft.LicensedStates.Count; i++)
        {
            var state = draft.LicensedStates[i].ToUpperInvariant();
            var (column, prefix) = names.Item("licensedStates", i);
            if (errors.Check(column, ExpertRules.State(state), prefix) && !states.Contains(state))
            {
                states.Add(state);
            }
        }

        return states;
    }

    private static List<string> CheckLanguages(ExpertDraft draft, ExpertFieldNames names, RowErrors errors)
    {
        var languages = new List<string>();
        for (var i = 0; i < draft.Languages.Count; i++)
        {
            var tag = ExpertRules.NormalizeLanguage(draft.Languages[i]);
            var (column, prefix) = names.Item("languages", i);
            if (errors.Check(column, ExpertRules.Language(tag), prefix) && !languages.Contains(tag))
            {
                languages.Add(tag);
            }
        }

        return languages;
    }

    private static void CheckNumbers(ExpertDraft draft, ExpertFieldNames names, RowErrors errors)
    {
        if (draft.CapacityPerDay is { } capacity)
        {
            errors.Check(names.Field("capacityPerDay"), ExpertRules.CapacityPerDay(capacity));
        }

        if (draft.AverageTurnaroundDays is { } average)
        {
            errors.Check(names.Field("averageTurnaroundDays"), ExpertRules.AverageTurnaroundDays(average));
        }

        for (var i = 0; i < draft.RecentTurnaroundDays.Count; i++)
        {
            var (column, prefix) = names.Item(names.RecentTurnaroundDays, i);
            errors.Check(column, ExpertRules.TurnaroundDays(draft.RecentTurnaroundDays[i]), prefix);
        }
    }
}
