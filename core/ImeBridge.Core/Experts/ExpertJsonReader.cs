using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImeBridge.Core.Experts;

/// <summary>Reads an experts JSON file: an array of experts in the camelCase shape of <see cref="ExpertJson"/>.</summary>
internal static class ExpertJsonReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static async Task<List<DraftRow>> ReadAsync(Stream content, string file, List<ExpertImportError> fileErrors, CancellationToken cancellationToken)
    {
        var rows = new List<DraftRow>();
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(content, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }, cancellationToken);
        }
        catch (JsonException)
        {
            fileErrors.Add(new ExpertImportError(file, null, "", "is not valid JSON"));
            return rows;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                fileErrors.Add(new ExpertImportError(file, null, "", "must be a JSON array of experts"));
                return rows;
            }

            var row = 0L;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                row++;
                var errors = new RowErrors();
                rows.Add(new DraftRow(row, Draft(element, errors), errors));
            }
        }

        return rows;
    }

    private static ExpertDraft? Draft(JsonElement element, RowErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("", "must be a JSON object");
            return null;
        }

        try
        {
            var json = element.Deserialize<ExpertJsonRow>(Options)!;
            return Draft(json);
        }
        catch (JsonException problem)
        {
            var path = problem.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "";
            errors.Add(path, "is not a known field or has the wrong JSON type (see docs/experts.md)");
            return null;
        }
    }

    private static ExpertDraft Draft(ExpertJsonRow json)
    {
        var draft = new ExpertDraft
        {
            ExpertId = Clean(json.ExpertId),
            Npi = Clean(json.Npi),
            Name = Clean(json.Name),
            Email = Clean(json.Email),
            PracticeId = Clean(json.Practice?.Id),
            PracticeName = Clean(json.Practice?.Name),
            CapacityPerDay = json.CapacityPerDay,
            AverageTurnaroundDays = json.AverageTurnaroundDays,
            Active = json.Active,
        };
        draft.Specialties.AddRange((json.Specialties ?? []).Select(s => new ExpertSpecialty(Clean(s?.Code) ?? "", Clean(s?.Name))));
        draft.BoardCertifications.AddRange(Texts(json.BoardCertifications));
        draft.LicensedStates.AddRange((json.LicensedStates ?? []).Select(s => Clean(s) ?? ""));
        draft.Languages.AddRange((json.Languages ?? []).Select(s => Clean(s) ?? ""));
        draft.RecentTurnaroundDays.AddRange(json.RecentTurnaroundDays ?? []);
        draft.Offices.AddRange((json.Offices ?? []).Select(o => new OfficeDraft(
            Clean(o?.Id), Clean(o?.Line1), Clean(o?.City), Clean(o?.State), Clean(o?.PostalCode), o?.Latitude, o?.Longitude, Clean(o?.TimeZone))));
        draft.Slots.AddRange((json.AvailabilitySlots ?? []).Select(s => new SlotDraft(Clean(s?.Start), s?.DurationMinutes, Clean(s?.OfficeId))));
        return draft;
    }

    private static IEnumerable<string> Texts(List<string?>? values) =>
        (values ?? []).Select(Clean).OfType<string>();

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
