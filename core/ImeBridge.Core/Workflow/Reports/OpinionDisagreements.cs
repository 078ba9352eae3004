using System.Globalization;
using ImeBridge.Core.Model;

namespace ImeBridge.Core.Workflow.Reports;

/// <summary>
/// Where a report's findings differ from the treating physician's opinion on causation, maximum medical improvement
/// (reached or not, and the date when both say reached) or work restrictions. Only what both state is compared, and a
/// treating opinion of <c>undetermined</c> causation is no opinion to differ from. Each difference becomes a
/// clarification question that names it with codes and dates only.
/// </summary>
public static class OpinionDisagreements
{
    public static IReadOnlyList<OpinionDisagreement> Find(MedicalOpinion? treating, ReportFindings? report)
    {
        if (treating is null || report is null)
        {
            return [];
        }

        var found = new List<OpinionDisagreement>();
        if (treating.Causation is { } tc && tc != "undetermined" && report.Causation is { } rc && rc != tc)
        {
            found.Add(new("causation", $"The treating physician's opinion on causation is '{tc}'; the report finds '{rc}'. Explain the basis for the difference, citing the records reviewed and the examination findings."));
        }

        if (treating.MmiReached is { } tm && report.MmiReached is { } rm)
        {
            if (tm != rm)
            {
                found.Add(new("mmi", $"The treating physician's opinion is that maximum medical improvement {Reached(tm)}; the report finds it {Reached(rm)}. Explain the basis for the difference."));
            }
            else if (tm && treating.MmiDate is { } td && report.MmiDate is { } rd && td != rd)
            {
                found.Add(new("mmiDate", $"The treating physician dates maximum medical improvement {Date(td)}; the report dates it {Date(rd)}. Explain the basis for the date."));
            }
        }

        if (treating.WorkRestrictions is { } tw && report.WorkRestrictions is { } rw && tw != rw)
        {
            found.Add(new("workRestrictions", $"The treating physician's opinion on work restrictions is '{tw}'; the report finds '{rw}'. Explain the basis for the difference and how long the restrictions should last."));
        }

        return found;
    }

    private static string Reached(bool reached) => reached ? "has been reached" : "has not been reached";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <param name="Topic"><c>causation</c>, <c>mmi</c>, <c>mmiDate</c> or <c>workRestrictions</c>.</param>
/// <param name="Question">The clarification question that names the difference.</param>
public sealed record OpinionDisagreement(string Topic, string Question);
