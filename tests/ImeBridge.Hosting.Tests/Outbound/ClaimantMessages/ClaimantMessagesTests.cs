using System.Net;
using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.ClaimantMessages;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Hosting.Tests.Workflow.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Outbound.ClaimantMessages;

/// <summary>
/// The claimant's messages on a running bridge whose clock the test moves (the queue pump keeps running): the notice
/// when the exam is booked, then each reminder when its time comes, in the claimant's daytime only.
/// </summary>
public sealed class ClaimantMessagesTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public async Task From_booking_to_the_exam_the_claimant_gets_the_notice_and_four_reminders_each_in_daytime_and_nothing_else()
    {
        var (clock, sms, app) = await StartAsync();
        await using var _ = app;
        var exam = ExamAt(clock, days: 14, localHour: 9);
        var referralId = await SchedulingScenario.DocumentsReadyAsync(app, SchedulingScenario.Expert(exam), clock);

        var notified = await WorkflowWait.UntilStatusAsync(app.Services, referralId, ReferralStatus.ClaimantNotified);
        Assert.Equal(exam, notified.Case.Scheduling!.Appointment!.Start);
        var notice = Assert.Single(sms.Sent);
        Assert.StartsWith("sms:notice:", notice.Sms.MessageId, StringComparison.Ordinal);
        Assert.Equal("+15185550142", notice.Sms.To);
        Assert.DoesNotContain(ReferralBodies.ClaimantPhi().Where(v => !v.StartsWith('+')), v => notice.Sms.Body.Contains(v, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("5 State St", notice.Sms.Body, StringComparison.Ordinal);
        var letter = await LedgerAsync(app, referralId, "email:notice:");
        Assert.Equal(OutboundStatuses.Outbox, letter.Status);

        // The 2 h reminder would be 07:00 in Albany: it waits for 08:00, an hour before the exam.
        DateTimeOffset[] due = [exam.AddDays(-7), exam.AddHours(-72), exam.AddHours(-24), LocalToday(exam, 8)];
        foreach (var moment in due)
        {
            if (moment == due[^1])
            {
                // 07:01 in Albany, two hours before the exam: quiet hours, nothing may go yet.
                clock.Advance(exam.AddHours(-2).AddMinutes(1) - clock.GetUtcNow());
                var before = sms.Sent.Count;
                await Task.Delay(TimeSpan.FromSeconds(1.5));
                Assert.Equal(before, sms.Sent.Count);
            }

            clock.Advance(moment.AddMinutes(1) - clock.GetUtcNow());
            var count = sms.Sent.Count + 1;
            await Eventually.UntilAsync(() => Task.FromResult(sms.Sent.Count >= count), TimeSpan.FromSeconds(20), $"no SMS after {moment:u}");
        }

        clock.Advance(exam.AddHours(2) - clock.GetUtcNow());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(
            ["notice", "reminder-7d", "reminder-72h", "reminder-24h", "reminder-2h"],
            sms.Sent.Select(s => s.Sms.MessageId.Split(':')[1]));
        Assert.All(sms.Sent, s => Assert.InRange(TimeZoneInfo.ConvertTime(s.At, NewYork).Hour, 8, 20));
        Assert.DoesNotContain(ReferralBodies.ClaimantPhi(), phi => app.Logs.AllText.Contains(phi, StringComparison.OrdinalIgnoreCase));

        // Each reminder went when the clock reached its moment (the test moved the clock a minute past it), not before.
        Assert.All(due.Zip(sms.Sent.Skip(1)), pair => Assert.InRange(pair.Second.At, pair.First.AddMinutes(1), pair.First.AddMinutes(2)));
    }

    [Fact]
    public async Task A_reminder_delivered_three_times_at_once_sends_one_SMS()
    {
        var (clock, sms, app) = await StartAsync();
        await using var _ = app;
        var exam = ExamAt(clock, days: 14, localHour: 11);
        var referralId = await SchedulingScenario.DocumentsReadyAsync(app, SchedulingScenario.Expert(exam), clock);
        var notified = await WorkflowWait.UntilStatusAsync(app.Services, referralId, ReferralStatus.ClaimantNotified);
        var due = new ClaimantMessageDue(referralId, "reminder-24h", AppointmentKey.Of(notified.Case.Scheduling!.Appointment!));
        var handler = app.Services.GetServices<IMessageHandler>().OfType<ClaimantMessageHandler>().Single();

        await Task.WhenAll(Enumerable.Range(1, 3).Select(delivery => handler.HandleAsync(Received(due, delivery), CancellationToken.None)));

        Assert.Single(sms.Sent, s => s.Sms.MessageId.StartsWith("sms:reminder-24h:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reminder_of_an_appointment_that_was_moved_is_dropped()
    {
        var (clock, sms, app) = await StartAsync();
        await using var _ = app;
        var exam = ExamAt(clock, days: 14, localHour: 11);
        var referralId = await SchedulingScenario.DocumentsReadyAsync(app, SchedulingScenario.Expert(exam, exam.AddDays(2)), clock);
        var notified = await WorkflowWait.UntilStatusAsync(app.Services, referralId, ReferralStatus.ClaimantNotified);
        var first = AppointmentKey.Of(notified.Case.Scheduling!.Appointment!);

        Assert.Equal(HttpStatusCode.OK, (await SchedulingScenario.MoveAsync(app, referralId, ReferralStatus.Rescheduled, "claimant asked")).StatusCode);
        var rebooked = await WorkflowWait.UntilAsync(app.Services, referralId, r => r.Case.Scheduling?.Appointment is { } a && AppointmentKey.Of(a) != first, "booked again");
        var handler = app.Services.GetServices<IMessageHandler>().OfType<ClaimantMessageHandler>().Single();
        await handler.HandleAsync(Received(new ClaimantMessageDue(referralId, "reminder-7d", first), 1), CancellationToken.None);

        Assert.DoesNotContain(sms.Sent, s => s.Sms.MessageId.EndsWith(first, StringComparison.Ordinal) && s.Sms.MessageId.Contains("reminder", StringComparison.Ordinal));
        Assert.Equal(exam.AddDays(2), rebooked.Case.Scheduling!.Appointment!.Start);
    }

    [Fact]
    public async Task A_reminder_whose_SMS_was_not_delivered_goes_by_email_once_and_an_operator_is_alerted()
    {
        var (clock, sms, app) = await StartAsync();
        await using var _ = app;
        var exam = ExamAt(clock, days: 14, localHour: 11);
        var referralId = await SchedulingScenario.DocumentsReadyAsync(app, SchedulingScenario.Expert(exam), clock);
        var notified = await WorkflowWait.UntilStatusAsync(app.Services, referralId, ReferralStatus.ClaimantNotified);
        var due = new ClaimantMessageDue(referralId, "reminder-7d", AppointmentKey.Of(notified.Case.Scheduling!.Appointment!));
        var handler = app.Services.GetServices<IMessageHandler>().OfType<ClaimantMessageHandler>().Single();
        await handler.HandleAsync(Received(due, 1), CancellationToken.None);
        var reminder = await LedgerAsync(app, referralId, "sms:reminder-7d:");
        Assert.Null((await app.Services.GetRequiredService<IOutboundLedger>().ListForReferralAsync(referralId, CancellationToken.None)).FirstOrDefault(r => r.MessageId.StartsWith("email:reminder-7d:", StringComparison.Ordinal)));

        // The provider reports it undelivered (Twilio's status callback does this), twice.
        var settled = new DeliverySettled(reminder.MessageId, referralId, OutboundChannels.Sms, reminder.Purpose, OutboundStatuses.Undelivered, clock.GetUtcNow(), reminder.ProviderId, "30003");
        var queue = app.Services.GetRequiredService<IMessageQueue>();
        foreach (var repeat in new[] { "a", "b" })
        {
            await queue.SendAsync([new QueueMessage($"settled-test:{repeat}", DeliverySettled.MessageType, referralId, JsonSerializer.SerializeToUtf8Bytes(settled, MessageJson.Options))], CancellationToken.None);
        }

        var email = await Eventually.GetAsync(
            async () => (await app.Services.GetRequiredService<IOutboundLedger>().ListForReferralAsync(referralId, CancellationToken.None))
                .FirstOrDefault(r => r.MessageId.StartsWith("email:reminder-7d:", StringComparison.Ordinal) && r.Status != OutboundStatuses.Claimed),
            TimeSpan.FromSeconds(20),
            () => "no fallback email");
        Assert.Equal((OutboundStatuses.Outbox, "d.okonkwo.whitfield@example.net"), (email.Status, email.Recipient));
        var alert = Assert.Single(await app.Services.GetRequiredService<IOperatorAlerts>().ListAsync(includeResolved: false, 50, CancellationToken.None), a => a.Kind == "sms.undelivered");
        Assert.Equal(referralId, alert.ReferralId);
        await WorkflowWait.UntilAsync(app.Services, referralId, _ => true, "settled");
        Assert.Single(await app.Services.GetRequiredService<IOutboundLedger>().ListForReferralAsync(referralId, CancellationToken.None), r => r.MessageId.StartsWith("email:reminder-7d:", StringComparison.Ordinal));
    }

    private static async Task<(ShiftedClock Clock, RecordingSmsSender Sms, TestApp App)> StartAsync()
    {
        var clock = new ShiftedClock();
        // A weekday morning in Albany, so the notice goes at once whenever the tests run.
        clock.AdvanceToWeekdayMorning(NewYork, 10);
        var sms = new RecordingSmsSender(clock);
        var app = await TestApp.StartAsync(
            settings: new Dictionary<string, string?> { ["operatorToken"] = SchedulingScenario.OperatorToken },
            services: s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton<ISmsSender>(sms);
            });
        return (clock, sms, app);
    }

    private static DateTimeOffset ExamAt(ShiftedClock clock, int days, int localHour) =>
        AtLocal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), NewYork).Date).AddDays(days), localHour);

    private static DateTimeOffset LocalToday(DateTimeOffset exam, int localHour) =>
        AtLocal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(exam, NewYork).Date), localHour);

    private static DateTimeOffset AtLocal(DateOnly date, int hour)
    {
        var local = date.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, NewYork.GetUtcOffset(local)).ToUniversalTime();
    }

    private static async Task<OutboundRecord> LedgerAsync(TestApp app, string referralId, string prefix) =>
        (await app.Services.GetRequiredService<IOutboundLedger>().ListForReferralAsync(referralId, CancellationToken.None))
            .Single(r => r.MessageId.StartsWith(prefix, StringComparison.Ordinal));

    private static ReceivedMessage Received(ClaimantMessageDue due, int deliveryCount)
    {
        var queued = due.ToQueueMessage(null);
        return new ReceivedMessage(deliveryCount, queued.MessageId, queued.Type, queued.SessionId, JsonSerializer.SerializeToUtf8Bytes(due, MessageJson.Options), deliveryCount, DateTimeOffset.UnixEpoch, "lock");
    }
}
