using System.Net;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.Consent;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Outbound.Twilio;

/// <summary><c>POST /api/twilio/status</c>: Twilio's delivery reports update the ledger and settle the message.</summary>
public sealed class TwilioStatusCallbackTests
{
    private const string Phone = "+15185550188";

    [Fact]
    public async Task Delivered_updates_the_ledger_and_a_late_sent_does_not_undo_it()
    {
        await using var app = await TwilioWebhooks.StartAsync();
        var referralId = await TwilioInboundSmsTests.SubmitAsync(app);
        var record = await TwilioWebhooks.SentSmsAsync(app, referralId, Phone, "SMdelivered1");

        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(TwilioWebhooks.Status("SMdelivered1", "delivered"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(TwilioWebhooks.Status("SMdelivered1", "sent"))).StatusCode);

        var stored = await app.Services.GetRequiredService<IOutboundLedger>().FindAsync(record.MessageId, CancellationToken.None);
        Assert.Equal(OutboundStatuses.Delivered, stored!.Status);
    }

    [Fact]
    public async Task Unsubscribed_error_suppresses_the_message_opts_the_number_out_and_alerts_an_operator()
    {
        await using var app = await TwilioWebhooks.StartAsync();
        var referralId = await TwilioInboundSmsTests.SubmitAsync(app);
        var record = await TwilioWebhooks.SentSmsAsync(app, referralId, Phone, "SMstopped1");

        var response = await app.Client.SendAsync(TwilioWebhooks.Status("SMstopped1", "failed", "21610"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await app.Services.GetRequiredService<IOutboundLedger>().FindAsync(record.MessageId, CancellationToken.None);
        Assert.Equal(OutboundStatuses.Suppressed, stored!.Status);
        Assert.Equal("21610", stored.Detail);
        var consent = await app.Services.GetRequiredService<ISmsConsentLedger>().GetAsync(Phone, CancellationToken.None);
        Assert.Equal(SmsConsentStatus.OptedOut, consent.Status);
        var alerts = await app.Services.GetRequiredService<IOperatorAlerts>().ListAsync(includeResolved: false, 50, CancellationToken.None);
        Assert.Contains(alerts, a => a.Kind == "sms.suppressed" && a.ReferralId == referralId);
    }

    [Fact]
    public async Task Undelivered_is_recorded_with_its_error_code_and_settled_in_the_referral_session()
    {
        var recorder = new SettledRecorder();
        await using var app = await TestApp.StartAsync(settings: TwilioWebhooks.Settings(), services: s => s.AddSingleton<IMessageHandler>(recorder));
        var referralId = await TwilioInboundSmsTests.SubmitAsync(app);
        var record = await TwilioWebhooks.SentSmsAsync(app, referralId, Phone, "SMundelivered1");

        await app.Client.SendAsync(TwilioWebhooks.Status("SMundelivered1", "sent"));
        await app.Client.SendAsync(TwilioWebhooks.Status("SMundelivered1", "undelivered", "30003"));
        await app.Client.SendAsync(TwilioWebhooks.Status("SMundelivered1", "undelivered", "30003"));

        var stored = await app.Services.GetRequiredService<IOutboundLedger>().FindAsync(record.MessageId, CancellationToken.None);
        Assert.Equal(OutboundStatuses.Undelivered, stored!.Status);
        Assert.Equal("30003", stored.Detail);
        await Eventually.UntilAsync(() => Task.FromResult(recorder.Seen.Count > 0), TimeSpan.FromSeconds(20), "no DeliverySettled was dispatched");
        var (session, settled) = recorder.Seen[0];
        Assert.Equal(referralId, session);
        Assert.Equal(record.MessageId, settled.MessageId);
        Assert.Equal(OutboundStatuses.Undelivered, settled.Outcome);
        Assert.Equal(OutboundChannels.Sms, settled.Channel);
        Assert.False(settled.Succeeded);
    }

    [Fact]
    public async Task Unknown_SID_is_answered_200_so_Twilio_does_not_retry_and_forged_is_403()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await TwilioWebhooks.StartAsync(logs);

        var unknown = await app.Client.SendAsync(TwilioWebhooks.Status("SMnobody", "delivered"));
        var forged = TwilioWebhooks.Status("SMnobody", "delivered");
        forged.Headers.Remove("X-Twilio-Signature");
        forged.Headers.Add("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("SMnobody", logs.AllText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client.SendAsync(forged)).StatusCode);
    }
}
