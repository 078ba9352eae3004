using System.Globalization;
using ImeBridge.Core.Outbound.Templates;
using TemplateModel = ImeBridge.Core.Outbound.Templates.Models.ReportNoticeModel;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// The email that serves a report: the template library's <c>report-delivery-notice</c> (in the recipient's language
/// where it has one); a plain fallback kept here only when no library is registered or it cannot render that template.
/// It names the referral and claim and carries the secure link, never the report or a diagnosis.
/// </summary>
public sealed class ReportDeliveryNotice(IEnumerable<IMessageTemplates> templates)
{
    public const string TemplateName = "report-delivery-notice";

    private readonly IMessageTemplates? library = templates.FirstOrDefault();

    public RenderedMessage Render(ReportNoticeContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (library is not null)
        {
            var utc = content.ExpiresAt.UtcDateTime;
            var model = new TemplateModel
            {
                ReferralId = content.ReferralId,
                ClaimNumber = content.ClaimNumber ?? "",
                Url = content.Url,
                ExpiresOnDate = DateOnly.FromDateTime(utc),
                ExpiresAtTime = TimeOnly.FromDateTime(utc),
                TimeZoneAbbreviation = "UTC",
            };
            try
            {
                return library.Render(TemplateName, OutboundChannels.Email, content.Language, model);
            }
            catch (MessageTemplateException)
            {
                // The fallback below still serves the report; the template's problem shows in its own tests.
            }
        }

        return Fallback(content);
    }

    public static RenderedMessage Fallback(ReportNoticeContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var claim = content.ClaimNumber is { Length: > 0 } c ? $", claim {c}" : "";
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"""
            An examination report is available for referral {content.ReferralId}{claim}.

            Open the report: {content.Url}

            This link expires on {content.ExpiresAt.UtcDateTime:yyyy-MM-dd} at {content.ExpiresAt.UtcDateTime:HH:mm} UTC. The link is personal to you; please do not forward it.
            """);
        return new RenderedMessage($"Report available: referral {content.ReferralId}{claim}", text, null, "en");
    }
}

/// <summary>What the report delivery notice may show: ids, the link and its expiry, and the language to write in.</summary>
public sealed record ReportNoticeContent(string ReferralId, string? ClaimNumber, string Url, DateTimeOffset ExpiresAt, string? Language);
