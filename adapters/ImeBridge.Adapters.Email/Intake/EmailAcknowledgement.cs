using System.Text;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Email.Intake;

/// <summary>
/// The answer to the sender: the referral ids it became, or what is missing or wrong (field paths and reasons; the
/// core's reasons never quote a value). Its message id is <c>ack:{sha256}</c>, so a retried handler sends it once.
/// The subject is fixed: the original subject may name the claimant.
/// </summary>
internal static class EmailAcknowledgement
{
    public static string MessageIdFor(string emailSha256) => "ack:" + emailSha256;

    public static OutboundEmail Compose(EmailReceived email, string to, string? inReplyTo, IReadOnlyList<ReferralOutcome> outcomes, string? triageId, IReadOnlyList<FieldError> triageReasons)
    {
        var accepted = outcomes.Where(o => o.Accepted).ToList();
        var refused = outcomes.Where(o => !o.Accepted).ToList();
        var body = new StringBuilder();
        if (triageId is not null)
        {
            body.AppendLine("ImeBridge received your email but could not turn it into a referral automatically.");
            body.AppendLine($"It is kept for our intake team under reference {triageId}.");
            body.AppendLine();
            body.AppendLine("What is missing or wrong:");
            AppendErrors(body, triageReasons);
        }

        if (accepted.Count > 0)
        {
            body.AppendLine(accepted.Count == 1 ? "ImeBridge received your referral:" : $"ImeBridge received {accepted.Count} referrals:");
            foreach (var outcome in accepted)
            {
                body.AppendLine($"  {outcome.ReferralId}  ({outcome.Source})");
            }

            body.AppendLine();
            body.AppendLine("Please quote the referral id in any follow-up.");
        }

        if (refused.Count > 0)
        {
            body.AppendLine();
            body.AppendLine(refused.Count == 1 ? "One referral could not be accepted:" : $"{refused.Count} referrals could not be accepted:");
            foreach (var outcome in refused)
            {
                body.AppendLine($"  {outcome.Source} (reference {outcome.RejectionId}):");
                AppendErrors(body, outcome.Errors);
            }
        }

        if (triageId is not null || refused.Count > 0)
        {
            body.AppendLine();
            body.AppendLine("Reply with the corrected referral: attach the canonical referral JSON or a CSV, or write it as a labelled form,");
            body.AppendLine("one field per line, for example:");
            body.AppendLine("  Claimant: First Last / DOB: MM/DD/YYYY / Claim #: ... / Line of Business: Workers' Comp / Jurisdiction: NY");
        }

        body.AppendLine();
        body.AppendLine($"Email reference: {email.EmailId}");
        var subject = triageId is not null || accepted.Count == 0
            ? "ImeBridge: your referral email needs attention"
            : refused.Count > 0 ? "ImeBridge: referral received, some items need attention" : "ImeBridge: referral received";
        return new OutboundEmail(MessageIdFor(email.Sha256), to, subject, body.ToString(), inReplyTo);
    }

    private static void AppendErrors(StringBuilder body, IReadOnlyList<FieldError> errors)
    {
        foreach (var error in errors)
        {
            body.AppendLine($"    - {error.Path}: {error.Reason}");
        }
    }
}
