using System.Net;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.Consent;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Testing.Logging;
using ImeBridge.Hosting.Tests.Workflow.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Outbound.Twilio;

/// <summary><c>POST /api/twilio/sms</c> on the running bridge: signature first, then the claimant's keyword.</summary>
public sealed class TwilioInboundSmsTests
{
    private const string Phone = "+15185550177";

    [Fact]
    public async Task Forged_or_missing_signature_is_403_without_details_and_changes_nothing()
    {
        await using var app = await TwilioWebhooks.StartAsync();
        var forged = TwilioWebhooks.Signed("/api/twilio/sms", new Dictionary<string, string> { ["MessageSid"] = "SMforged", ["From"] = Phone, ["Body"] = "STOP" }, authToken: "not-the-token");
        var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/twilio/sms")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageSid"] = "SMunsigned", ["From"] = Phone, ["Body"] = "STOP" }),
        };
        // Signed for the address the request really arrived on, not the configured public URL.
        var wrongUrl = new HttpRequestMessage(HttpMethod.Post, "/api/twilio/sms") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageSid"] = "SMx", ["From"] = Phone, ["Body"] = "STOP" }) };
        wrongUrl.Headers.Add("X-Twilio-Signature", ImeBridge.Adapters.Twilio.TwilioSignature.Compute(TwilioWebhooks.AuthToken, app.Client.BaseAddress + "api/twilio/sms", new Dictionary<string, string> { ["MessageSid"] = "SMx", ["From"] = Phone, ["Body"] = "STOP" }));

        foreach (var request in new[] { forged, unsigned, wrongUrl })
        {
            var response = await app.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("signature", body, StringComparison.OrdinalIgnoreCase);
        }

        var consent = await app.Services.GetRequiredService<ISmsConsentLedger>().GetAsync(Phone, CancellationToken.None);
        Assert.Equal(SmsConsentStatus.Unknown, consent.Status);
    }

    [Fact]
    public async Task Stop_then_start_is_recorded_in_the_consent_ledger_with_history_and_answered_with_empty_TwiML()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await TwilioWebhooks.StartAsync(logs);
        var ledger = app.Services.GetRequiredService<ISmsConsentLedger>();

        var stop = await app.Client.SendAsync(TwilioWebhooks.InboundSms("SMstop1", Phone, " Stop. "));
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal("<Response />", await stop.Content.ReadAsStringAsync());
        Assert.Equal(SmsConsentStatus.OptedOut, (await ledger.GetAsync(Phone, CancellationToken.None)).Status);

        // Twilio retries a webhook it thinks failed: the same message is recorded once.
        await app.Client.SendAsync(TwilioWebhooks.InboundSms("SMstop1", Phone, " Stop. "));
        var start = await app.Client.SendAsync(TwilioWebhooks.InboundSms("SMstart1", Phone, "START"));
        Assert.Equal("<Response />", await start.Content.ReadAsStringAsync());

        var state = await ledger.GetAsync(Phone, CancellationToken.None);
        Assert.Equal(SmsConsentStatus.OptedIn, state.Status);
        var history = await ledger.HistoryAsync(Phone, CancellationToken.None);
        Assert.Equal([ConsentKind.OptOut, ConsentKind.OptIn], history.Select(e => e.Kind));
        Assert.Equal(["STOP", "START"], history.Select(e => e.Keyword));
        Assert.Equal(["SMstop1", "SMstart1"], history.Select(e => e.SourceMessageId));
        Assert.Contains("SMstop1", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("5185550177", logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spanish_alto_opts_out_and_si_opts_back_in_while_opted_out()
    {
        await using var app = await TwilioWebhooks.StartAsync();
        var ledger = app.Services.GetRequiredService<ISmsConsentLedger>();

        await app.Client.SendAsync(TwilioWebhooks.InboundSms("SMalto", Phone, "¡ALTO!"));
        Assert.Equal(SmsConsentStatus.OptedOut, (await ledger.GetAsync(Phone, CancellationToken.None)).Status);
        await app.Client.SendAsync(TwilioWebhooks.InboundSms("SMsi", Phone, "Sí"));
        Assert.Equal(SmsConsentStatus.OptedIn, (await ledger.GetAsync(Phone, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Help_and_anything_unrecognized_get_the_help_text_and_an_unrecognized_reply_alerts_an_operator()
    {
        await using var app = await TwilioWebhooks.StartAsync();

        var help = await app.Client.SendAsync(TwilioWebhooks.InboundSms("SMhelp", Phone, "help"));
        var other = await app.Client.SendAsync(TwilioWebhooks.InboundSms("SMother", Phone, "who is this?"));

        var helpText = await help.Content.ReadAsStringAsync();
        Assert.StartsWith("<Response><Message>", helpText, StringComparison.Ordinal);
        Assert.Contains("STOP", helpText, StringComparison.Ordinal);
        Assert.Equal(helpText, await other.Content.ReadAsStringAsync());
        var alerts = await app.Services.GetRequiredService<IOperatorAlerts>().ListAsync(includeResolved: false, 50, CancellationToken.None);
        Assert.Contains(alerts, a => a.Kind == "sms.unrecognizedReply" && a.Detail.Contains("SMother", StringComparison.Ordinal));
        Assert.DoesNotContain(alerts, a => a.Detail.Contains("who is this", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Confirm_from_the_claimant_moves_the_scheduled_referral_to_Confirmed()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await TestApp.StartAsync(logs: logs, settings: TwilioWebhooks.Settings(new Dictionary<string, string?> { ["operatorToken"] = SchedulingScenario.OperatorToken }));
        var referralId = await SchedulingScenario.DocumentsReadyAsync(app, SchedulingScenario.Expert(SchedulingScenario.Slot(0)));
        await WorkflowWait.UntilEventAsync(app.Services, referralId, "referral.scheduled");
        await TwilioWebhooks.SentSmsAsync(app, referralId, Phone, "SMnotice01");

        var response = await app.Client.SendAsync(TwilioWebhooks.InboundSms("SMconfirm1", Phone, "c"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("confirmed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var confirmed = await WorkflowWait.UntilStatusAsync(app.Services, referralId, ReferralStatus.Confirmed);
        Assert.Contains(confirmed.Timeline, e => e.Event == "referral.confirmed" && e.Actor == "claimant-sms");
        Assert.Contains($"referral {referralId}", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("5185550177", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(ReferralBodies.ClaimantPhi(), v => logs.AllText.Contains(v, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Reschedule_request_alerts_an_operator_records_it_on_the_timeline_and_says_the_office_will_call()
    {
        await using var app = await TwilioWebhooks.StartAsync();
        var referralId = await SubmitAsync(app);
        await TwilioWebhooks.SentSmsAsync(app, referralId, Phone, "SMnotice02");

        var response = await app.Client.SendAsync(TwilioWebhooks.InboundSms("SMresched1", Phone, "R"));

        Assert.Contains("office will call", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var alerts = await app.Services.GetRequiredService<IOperatorAlerts>().ListAsync(includeResolved: false, 50, CancellationToken.None);
        var alert = Assert.Single(alerts, a => a.Kind == "claimant.rescheduleRequested");
        Assert.Equal(referralId, alert.ReferralId);
        var stored = await app.Services.GetRequiredService<IReferralStore>().GetAsync(referralId, CancellationToken.None);
        Assert.Contains(stored!.Timeline, e => e.Event == "claimant.rescheduleRequested");
    }

    [Fact]
    public async Task Confirm_from_a_number_we_never_texted_gets_the_help_text()
    {
        await using var app = await TwilioWebhooks.StartAsync();

        var response = await app.Client.SendAsync(TwilioWebhooks.InboundSms("SMstranger", "+15185550100", "YES"));

        Assert.Contains("Reply C to confirm", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static async Task<string> SubmitAsync(TestApp app)
    {
        var response = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.ReadObjectAsync())["referralId"]!;
    }
}
