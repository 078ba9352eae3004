using System.Globalization;
using System.Text;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>A plain-text certificate of service for a person to read, print and sign.</summary>
public static class ProofOfServiceCertificate
{
    public static string Render(ProofOfService proof, string? claimNumber, DateTimeOffset printedAt)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine("CERTIFICATE OF SERVICE");
        text.AppendLine("======================");
        text.AppendLine(c, $"Referral:        {proof.ReferralId}");
        if (claimNumber is { Length: > 0 })
        {
            text.AppendLine(c, $"Claim:           {claimNumber}");
        }

        text.AppendLine(c, $"Report:          version {proof.ReportVersion}, SHA-256 {proof.ReportSha256}");
        text.AppendLine(c, $"Rule:            {proof.RuleId} (deadline: {proof.Deadline})");
        text.AppendLine(c, $"Authority:       {proof.Citation}");
        text.AppendLine(c, $"Service:         {(proof.Complete ? "complete: every required recipient was served" : "INCOMPLETE: see the recipients not served")}");
        text.AppendLine();
        text.AppendLine("I certify that a true copy of the report named above was served on the following recipients by the means and at the times shown:");
        text.AppendLine();
        var n = 1;
        foreach (var r in proof.Recipients)
        {
            var who = string.Join(", ", new[] { r.Name, r.Organization }.Where(s => !string.IsNullOrWhiteSpace(s)));
            text.AppendLine(c, $"{n++}. {ReportRoleDescriptions.For(r.Role)}{(who.Length > 0 ? ": " + who : "")}{(r.Required ? "" : " (optional)")}");
            text.AppendLine(string.Create(c, $"   By:       {r.Channel ?? "-"} {r.Address ?? ""}").TrimEnd());
            text.AppendLine(c, $"   Sent:     {Instant(r.SentAt)}");
            text.AppendLine(c, $"   Receipt:  {Instant(r.ReceiptAt)}{(r.ReceiptKind is { } k ? " (" + k + ")" : "")}");
            if (r.DownloadedAt is { } downloaded)
            {
                text.AppendLine(c, $"   Opened:   {Instant(downloaded)}");
            }

            if (r.ServedBy is { Length: > 0 } by)
            {
                text.AppendLine(c, $"   Served by: {by} (recorded by an operator)");
            }

            text.AppendLine(c, $"   Status:   {r.Status}{(r.Detail is { Length: > 0 } d ? " - " + d : "")}");
            foreach (var attempt in r.OtherAttempts)
            {
                text.AppendLine(string.Create(c, $"   Also:     {attempt.Channel} {attempt.Address ?? ""} sent {Instant(attempt.SentAt)}: {attempt.Status}{(attempt.Detail is { Length: > 0 } ad ? " - " + ad : "")}"));
            }
        }

        text.AppendLine();
        text.AppendLine(c, $"Printed {Instant(printedAt)}.");
        text.AppendLine();
        text.AppendLine("Signature: ______________________________   Date: ______________");
        text.AppendLine("Name:      ______________________________");
        return text.ToString();
    }

    private static string Instant(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "-";
}
