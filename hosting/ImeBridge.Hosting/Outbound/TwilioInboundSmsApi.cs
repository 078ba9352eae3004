using ImeBridge.Adapters.Twilio;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.Consent;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// <c>POST /api/twilio/sms</c>: a claimant's reply. After the signature check the keyword decides:
/// <list type="bullet">
/// <item>opt-out / opt-in: recorded in the <see cref="ISmsConsentLedger"/>; the answer is an empty
/// <c>&lt;Response/&gt;</c> because Twilio's Advanced Opt-Out already sends the carrier-required confirmation, and a
/// second text from us would be noise (or, after STOP, a violation).</item>
/// <item>help: the help text, in the claimant's language when the referral says it.</item>
/// <item>confirm: the referral of the last SMS we sent to that number is asked to move to Confirmed.</item>
/// <item>reschedule: an operator alert (and a timeline entry); the office calls back.</item>
/// <item>anything else: an operator alert, and the help text.</item>
/// </list>
/// Logs carry the MessageSid, the keyword class and the referral id, never the number or the text.
/// </summary>
public sealed partial class TwilioInboundSmsApi(
    TwilioRequestVerifier verifier,
    ISmsConsentLedger consent,
    IOutboundLedger outbound,
    IOperatorAlerts alerts,
    IMessageQueue queue,
    IReferralStore referrals,
    ReferralWorkflow workflow,
    SmsKeywords keywords,
    SmsReplies replies,
    TimeProvider time,
    ILogger<TwilioInboundSmsApi> logger)
{
    public const string Route = "/api/twilio/sms";

    /// <summary>Who asks, on the timeline and in the transition request.</summary>
    public const string Actor = "claimant-sms";

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, refusal) = await verifier.ReadVerifiedFormAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!form!.TryGetValue("MessageSid", out var sid) || string.IsNullOrWhiteSpace(sid))
        {
            return ProblemResults.InvalidOperatorRequest("MessageSid is required.");
        }

        if (!form.TryGetValue("From", out var from) || string.IsNullOrWhiteSpace(from))
        {
            return ProblemResults.InvalidOperatorRequest("From is required.");
        }

        var text = form.GetValueOrDefault("Body");
        var now = time.GetUtcNow();
        var state = await consent.GetAsync(from, cancellationToken);
        var keyword = keywords.Classify(text, state.OptedOut);
        switch (keyword)
        {
            case SmsKeywordClass.OptOut or SmsKeywordClass.OptIn:
                var kind = keyword == SmsKeywordClass.OptOut ? ConsentKind.OptOut : ConsentKind.OptIn;
                await consent.RecordAsync(from, new ConsentEvent(kind, SmsKeywords.Normalize(text ?? ""), now, sid), cancellationToken);
                LogReply(sid, keyword, null);
                return Xml(TwiML.Empty());
            case SmsKeywordClass.Confirm:
            case SmsKeywordClass.Reschedule:
                return await ActOnReferralAsync(sid, from, keyword, now, cancellationToken);
            case SmsKeywordClass.Help:
                LogReply(sid, keyword, null);
                return Xml(TwiML.Message(replies.For(await LanguageAsync(from, cancellationToken)).Help));
            default:
                var latest = await outbound.FindLatestToRecipientAsync(OutboundChannels.Sms, from, cancellationToken);
                await alerts.RaiseAsync(
                    new OperatorAlert($"sms.unrecognizedReply:{sid}", "sms.unrecognizedReply", latest?.ReferralId, $"Twilio message {sid} did not match a keyword; the claimant got the help text.", now),
                    cancellationToken);
                LogReply(sid, keyword, latest?.ReferralId);
                return Xml(TwiML.Message(replies.For(await LanguageOfAsync(latest?.ReferralId, cancellationToken)).Help));
        }
    }

    private async Task<IResult> ActOnReferralAsync(string sid, string from, SmsKeywordClass keyword, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = await outbound.FindLatestToRecipientAsync(OutboundChannels.Sms, from, cancellationToken);
        var stored = latest is null ? null : await referrals.GetAsync(latest.ReferralId, cancellationToken);
        if (stored is null)
        {
            LogNoReferral(sid, keyword);
            return Xml(TwiML.Message(replies.For(null).Help));
        }

        var reply = replies.For(stored.Referral.Claimant.PreferredLanguage);
        var stepId = $"sms:{sid}";
        if (keyword == SmsKeywordClass.Confirm)
        {
            var confirm = new TransitionRequested(stored.ReferralId, ReferralStatus.Confirmed, Actor, $"confirmed by SMS reply {sid}");
            await queue.SendAsync([WorkflowMessages.Create(TransitionRequested.MessageType, stored.ReferralId, stepId, confirm)], cancellationToken);
            LogReply(sid, keyword, stored.ReferralId);
            return Xml(TwiML.Message(reply.Confirmed));
        }

        await alerts.RaiseAsync(
            new OperatorAlert($"claimant.rescheduleRequested:{stored.ReferralId}:{sid}", "claimant.rescheduleRequested", stored.ReferralId, $"The claimant asked for a new time by SMS (Twilio message {sid}); call the claimant.", now),
            cancellationToken);
        await workflow.ApplyAsync(stored, WorkflowStep.Record("claimant.rescheduleRequested", Actor, $"SMS reply {sid}", stepId), cancellationToken);
        LogReply(sid, keyword, stored.ReferralId);
        return Xml(TwiML.Message(reply.RescheduleRequested));
    }

    private async Task<string?> LanguageAsync(string from, CancellationToken cancellationToken)
    {
        var latest = await outbound.FindLatestToRecipientAsync(OutboundChannels.Sms, from, cancellationToken);
        return await LanguageOfAsync(latest?.ReferralId, cancellationToken);
    }

    private async Task<string?> LanguageOfAsync(string? referralId, CancellationToken cancellationToken) =>
        referralId is null ? null : (await referrals.GetAsync(referralId, cancellationToken))?.Referral.Claimant.PreferredLanguage;

    private static IResult Xml(string twiml) => Results.Content(twiml, TwiML.ContentType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio inbound SMS {MessageSid}: {KeywordClass}, referral {ReferralId}")]
    private partial void LogReply(string messageSid, SmsKeywordClass keywordClass, string? referralId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio inbound SMS {MessageSid}: {KeywordClass} but no SMS was sent to that number; answered with help")]
    private partial void LogNoReferral(string messageSid, SmsKeywordClass keywordClass);
}
