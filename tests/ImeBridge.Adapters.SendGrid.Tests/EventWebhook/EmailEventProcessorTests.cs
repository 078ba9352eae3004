using System.Text;
using System.Text.Json;
using ImeBridge.Adapters.SendGrid.EventWebhook;
using ImeBridge.Adapters.SendGrid.Tests.Support;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.SendGrid.Tests.EventWebhook;

/// <summary>Verified events move the ledger, settle final outcomes once, alert on bounces, and log no address.</summary>
public sealed class EmailEventProcessorTests : IDisposable
{
    private const string Claimant = "maria.gonzalez@example.com";
    private const string BounceText = "552 5.2.2 The email account maria.gonzalez@example.com is over quota";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);

    private readonly InMemoryLedger ledger = new();
    private readonly RecordingAlerts alerts = new();
    private readonly RecordingQueue queue = new();
    private readonly CapturingLoggerProvider logs = new();
    private readonly ILoggerFactory loggers;
    private readonly EmailEventProcessor processor;

    public EmailEventProcessorTests()
    {
        loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        processor = new EmailEventProcessor(ledger, alerts, queue, new FakeTimeProvider(Now), loggers.CreateLogger<EmailEventProcessor>());
        foreach (var id in new[] { "m-delivered", "m-blocked", "m-dropped", "m-spam", "m-deferred" })
        {
            ledger.Add(new OutboundRecord(id, OutboundChannels.Email, "ref_7", "appointment.letter", Claimant, OutboundStatuses.Sent, "x-msg", null, Now, Now));
        }
    }

    public void Dispose() => loggers.Dispose();

    [Fact]
    public async Task Each_event_moves_its_message_and_final_outcomes_settle_and_failures_alert()
    {
        var tally = await processor.ApplyAsync(Batch(), CancellationToken.None);

        Assert.Equal(new EmailEventTally(Received: 10, Applied: 5, Superseded: 1, NotOurs: 1, Unknown: 1, Untracked: 1, Deferred: 1), tally);
        Assert.Equal(OutboundStatuses.Delivered, ledger["m-delivered"].Status);
        Assert.Equal("sg-1.filter", ledger["m-delivered"].ProviderId);
        Assert.Equal(OutboundStatuses.Bounced, ledger["m-blocked"].Status);
        Assert.Equal("bounce:blocked:5.2.2", ledger["m-blocked"].Detail);
        Assert.Equal(OutboundStatuses.Failed, ledger["m-dropped"].Status);
        Assert.Equal("dropped:bounced-address", ledger["m-dropped"].Detail);
        Assert.Equal(OutboundStatuses.Suppressed, ledger["m-spam"].Status);
        Assert.Equal(OutboundStatuses.Sent, ledger["m-deferred"].Status);

        Assert.Equal(
            ["settled:m-blocked:bounced", "settled:m-delivered:delivered", "settled:m-dropped:failed", "settled:m-spam:suppressed"],
            queue.Sent.Select(m => m.MessageId));
        Assert.All(queue.Sent, m => Assert.Equal(("ref_7", DeliverySettled.MessageType), (m.SessionId, m.Type)));
        var settled = JsonSerializer.Deserialize<DeliverySettled>(queue.Sent[1].Body.Span, MessageJson.Options)!;
        Assert.Equal(("m-delivered", OutboundChannels.Email, "appointment.letter", OutboundStatuses.Delivered), (settled.MessageId, settled.Channel, settled.Purpose, settled.Outcome));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1800000100), settled.At);

        Assert.Equal(
            [("email.bounced:m-blocked", "email.bounced"), ("email.failed:m-dropped", "email.failed"), ("email.suppressed:m-spam", "email.suppressed")],
            alerts.All.Select(a => (a.Key, a.Kind)));
        Assert.All(alerts.All, a => Assert.DoesNotContain(Claimant, a.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_repeated_post_changes_nothing_more()
    {
        await processor.ApplyAsync(Batch(), CancellationToken.None);
        var updates = ledger.Updates;

        await processor.ApplyAsync(Batch(), CancellationToken.None);

        Assert.Equal(updates, ledger.Updates);
        Assert.Equal(4, queue.Sent.Count);
        Assert.Equal(3, alerts.All.Count);
    }

    [Fact]
    public async Task A_late_processed_event_never_takes_back_a_delivery()
    {
        await processor.ApplyAsync(Parse("""[{"event":"delivered","imebridge_message_id":"m-delivered"}]"""), CancellationToken.None);
        await processor.ApplyAsync(Parse("""[{"event":"processed","imebridge_message_id":"m-delivered"}]"""), CancellationToken.None);

        Assert.Equal(OutboundStatuses.Delivered, ledger["m-delivered"].Status);
    }

    [Fact]
    public async Task No_address_or_reason_text_reaches_the_log()
    {
        await processor.ApplyAsync(Batch(), CancellationToken.None);

        Assert.Contains(logs.Lines, l => l.Contains("m-blocked", StringComparison.Ordinal));
        Assert.DoesNotContain("@", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("over quota", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("Bounced Address", logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_is_not_an_array_of_events_is_not_a_batch()
    {
        Assert.Null(SendGridEvent.ParseBatch(Encoding.UTF8.GetBytes("{\"event\":\"delivered\"}")));
        Assert.Null(SendGridEvent.ParseBatch(Encoding.UTF8.GetBytes("[{\"event\":")));
        Assert.Empty(SendGridEvent.ParseBatch(Encoding.UTF8.GetBytes("[1, \"x\", {}]\r\n"))!);
    }

    private static IReadOnlyList<SendGridEvent> Batch() => Parse($$"""
        [{"email":"{{Claimant}}","event":"processed","imebridge_message_id":"m-delivered","imebridge_referral_id":"ref_7","sg_message_id":"sg-1.filter","timestamp":1800000000},
        {"email":"{{Claimant}}","event":"delivered","imebridge_message_id":"m-delivered","sg_message_id":"sg-1.filter","timestamp":1800000100,"response":"250 OK"},
        {"email":"{{Claimant}}","event":"bounce","type":"blocked","status":"5.2.2","reason":"{{BounceText}}","imebridge_message_id":"m-blocked","sg_message_id":"sg-2"},
        {"email":"{{Claimant}}","event":"dropped","reason":"Bounced Address","imebridge_message_id":"m-dropped","sg_message_id":"sg-3"},
        {"email":"{{Claimant}}","event":"spamreport","imebridge_message_id":"m-spam","sg_message_id":"sg-4"},
        {"email":"{{Claimant}}","event":"deferred","response":"{{BounceText}}","imebridge_message_id":"m-deferred","sg_message_id":"sg-5"},
        {"email":"{{Claimant}}","event":"open","imebridge_message_id":"m-delivered"},
        {"email":"{{Claimant}}","event":"delivered","imebridge_message_id":"m-never-sent"},
        {"email":"someone@else.example","event":"delivered","sg_message_id":"sg-9"},
        {"email":"{{Claimant}}","event":"processed","imebridge_message_id":"m-blocked","sg_message_id":"sg-2"}]
        """);

    private static IReadOnlyList<SendGridEvent> Parse(string json) => SendGridEvent.ParseBatch(Encoding.UTF8.GetBytes(json))!;
}
