using System.Net;
using System.Text;
using ImeBridge.Core.Model;

namespace ImeBridge.Core.Workflow.Documents;

/// <summary>
/// The cover sheet (<c>cover.html</c>): what the examiner is asked and why, with the clinical context. Only what the
/// examiner needs for the opinion; no claimant contact details (the appointment reaches the examiner separately).
/// </summary>
internal static class PacketCover
{
    public static string Html(Referral referral, string referralId, string emphasis, IReadOnlyList<PacketQuestion> questions, IReadOnlyList<PacketManifestDocument> documents)
    {
        var request = referral.Request;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Examiner cover sheet ")
            .Append(Encode(referralId)).Append("</title></head><body>\n");
        html.Append("<h1>Examiner cover sheet</h1>\n<dl>\n");
        Term(html, "Referral", referralId);
        Term(html, "Exam type", request.ExamType);
        Term(html, "Line of business", referral.Claim.LineOfBusiness);
        Term(html, "Jurisdiction", referral.Claim.Jurisdiction);
        Term(html, "Report due", request.DueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Term(html, "Reason for the exam", request.Reason);
        Term(html, "Reason in the referrer's words", request.ReasonDetail);
        Term(html, "Body parts", referral.Claim.BodyParts.Count > 0 ? string.Join(", ", referral.Claim.BodyParts) : null);
        Term(html, "ICD-10 codes", referral.Claim.Icd10Codes.Count > 0 ? string.Join(", ", referral.Claim.Icd10Codes) : null);
        Term(html, "Treating physician", TreatingPhysician(request.TreatingPhysician));
        html.Append("</dl>\n<h2>Please emphasise</h2>\n<p>").Append(Encode(emphasis)).Append("</p>\n");
        html.Append("<h2>Questions to answer</h2>\n<p>Answer each question separately, under its id.</p>\n<ol>\n");
        foreach (var question in questions)
        {
            html.Append("<li id=\"").Append(Encode(question.Id)).Append("\"><strong>").Append(Encode(question.Id)).Append("</strong> ")
                .Append(Encode(question.Text)).Append("</li>\n");
        }

        html.Append("</ol>\n<h2>Documents in this packet</h2>\n<ul>\n");
        foreach (var document in documents)
        {
            html.Append("<li>").Append(Encode(document.File ?? "")).Append(" (").Append(Encode(document.Kind)).Append(")</li>\n");
        }

        html.Append("</ul>\n</body></html>\n");
        return html.ToString();
    }

    private static string? TreatingPhysician(TreatingPhysician? physician)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(physician?.Name))
        {
            parts.Add(physician.Name);
        }

        if (!string.IsNullOrWhiteSpace(physician?.Npi))
        {
            parts.Add("NPI " + physician.Npi);
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static void Term(StringBuilder html, string term, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            html.Append("<dt>").Append(Encode(term)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");
        }
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
