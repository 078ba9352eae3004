namespace ImeBridge.Core.Experts;

/// <summary>Turns the rows of an experts CSV into drafts (docs/experts.md lists the columns).</summary>
internal static class ExpertCsvReader
{
    public static async Task<List<DraftRow>> ReadAsync(Stream content, string file, List<ExpertImportError> fileErrors, CancellationToken cancellationToken)
    {
        var rows = new List<DraftRow>();
        await foreach (var row in CsvTable.ReadAsync(content, file, ExpertCsvColumns.Canonical, ExpertCsvColumns.Required, fileErrors, cancellationToken))
        {
            rows.Add(new DraftRow(row.Row, Draft(row.Cells), row.Errors));
        }

        return rows;
    }

    private static ExpertDraft Draft(CsvCells cells)
    {
        var draft = new ExpertDraft
        {
            ExpertId = cells.Text(ExpertCsvColumns.ExpertId),
            Npi = cells.Text(ExpertCsvColumns.Npi),
            Name = cells.Text(ExpertCsvColumns.Name),
            Email = cells.Text(ExpertCsvColumns.Email),
            PracticeId = cells.Text(ExpertCsvColumns.PracticeId),
            PracticeName = cells.Text(ExpertCsvColumns.PracticeName),
            CapacityPerDay = cells.Integer(ExpertCsvColumns.CapacityPerDay),
            AverageTurnaroundDays = cells.Number(ExpertCsvColumns.AverageTurnaroundDays),
            Active = cells.Boolean(ExpertCsvColumns.Active),
        };
        draft.Specialties.AddRange(cells.List(ExpertCsvColumns.Specialties).Select(Specialty));
        draft.BoardCertifications.AddRange(cells.List(ExpertCsvColumns.BoardCertifications));
        draft.LicensedStates.AddRange(cells.List(ExpertCsvColumns.LicensedStates));
        draft.Languages.AddRange(cells.List(ExpertCsvColumns.Languages));
        draft.RecentTurnaroundDays.AddRange(cells.Integers(ExpertCsvColumns.TurnaroundDays));
        for (var index = 0; index < 100; index++)
        {
            var column = (string field) => ExpertCsvColumns.OfficeColumn(index, field);
            if (ExpertCsvColumns.OfficeFields.All(field => cells.Text(column(field)) is null))
            {
                continue;
            }

            if (draft.Offices.Count != index)
            {
                cells.Refuse(column("line1"), "belongs to an office after an empty one; number offices without gaps (office, office2, office3, …)");
                break;
            }

            draft.Offices.Add(new OfficeDraft(
                cells.Text(column("id")),
                cells.Text(column("line1")),
                cells.Text(column("city")),
                cells.Text(column("state")),
                cells.Text(column("postalCode")),
                cells.Number(column("latitude")),
                cells.Number(column("longitude")),
                cells.Text(column("timeZone"))));
        }

        return draft;
    }

    /// <summary><c>207X00000X Orthopaedic Surgery</c>: the code, then optionally a space and the readable name.</summary>
    private static ExpertSpecialty Specialty(string item)
    {
        var space = item.IndexOfAny([' ', '\t']);
        return space < 0 ? new ExpertSpecialty(item, null) : new ExpertSpecialty(item[..space], item[(space + 1)..].Trim());
    }
}
