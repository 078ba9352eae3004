using System.Globalization;
using ImeBridge.Core.Validation;

namespace ImeBridge.Core.Experts;

/// <summary>Checks an expert's offices; a missing time zone is taken from the office's state.</summary>
internal static class OfficeChecker
{
    public static List<ExpertOffice> Check(IReadOnlyList<OfficeDraft> drafts, ExpertFieldNames names, RowErrors errors)
    {
        var offices = new List<ExpertOffice>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var before = errors.Count;
            var draft = drafts[i];
            var id = draft.Id ?? "office-" + (i + 1).ToString(CultureInfo.InvariantCulture);
            if (offices.Any(o => o.Id == id))
            {
                errors.Add(names.Office(i, "id"), "is the id of another office of this expert");
            }

            Require(draft.Line1, names.Office(i, "line1"), errors);
            Require(draft.City, names.Office(i, "city"), errors);
            var state = draft.State?.ToUpperInvariant();
            if (Require(state, names.Office(i, "state"), errors))
            {
                errors.Check(names.Office(i, "state"), ExpertRules.State(state!));
            }

            if (Require(draft.PostalCode, names.Office(i, "postalCode"), errors))
            {
                errors.Check(names.Office(i, "postalCode"), ExpertRules.PostalCode(draft.PostalCode!));
            }

            CheckCoordinates(draft, i, names, errors);
            var timeZone = draft.TimeZone ?? UsStates.PrimaryTimeZone(state);
            if (draft.TimeZone is not null)
            {
                errors.Check(names.Office(i, "timeZone"), ExpertRules.TimeZone(draft.TimeZone));
            }

            if (errors.Count == before)
            {
                offices.Add(new ExpertOffice(id, draft.Line1!, draft.City!, state!, draft.PostalCode!, draft.Latitude, draft.Longitude, timeZone!));
            }
        }

        return offices;
    }

    private static bool Require(string? value, string column, RowErrors errors)
    {
        if (value is null)
        {
            errors.Add(column, "is required for an office");
            return false;
        }

        return true;
    }

    private static void CheckCoordinates(OfficeDraft draft, int index, ExpertFieldNames names, RowErrors errors)
    {
        if (draft.Latitude is null != draft.Longitude is null)
        {
            errors.Add(names.Office(index, draft.Latitude is null ? "latitude" : "longitude"), "is required when the other coordinate is given");
        }

        if (draft.Latitude is { } latitude)
        {
            errors.Check(names.Office(index, "latitude"), ExpertRules.Latitude(latitude));
        }

        if (draft.Longitude is { } longitude)
        {
            errors.Check(names.Office(index, "longitude"), ExpertRules.Longitude(longitude));
        }
    }
}
