using ImeBridge.Adapters.Email.Intake;
using ImeBridge.Adapters.Email.Tests.Support;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.Email.Tests.Intake;

/// <summary>The same email twice, or its handler run twice, stores one referral and answers once.</summary>
public sealed class EmailIdempotenceTests
{
    [Fact]
    public async Task The_same_message_received_twice_is_one_referral_and_one_answer()
    {
        await using var harness = await EmailHarness.StartAsync();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, TestMessages.PlainReferralLetter(TestMessages.DueDateUs()));

        var first = await harness.ReceiveAsync(raw);
        var second = await harness.ReceiveAsync(raw, via: "sendgrid");
        await harness.DrainAsync();
        await harness.ReceiveAsync(raw);
        await harness.DrainAsync();

        Assert.Equal(first, second);
        Assert.Equal(1, harness.CountReferrals());
        Assert.Single(harness.Sender.Sent);
        Assert.Equal(1, harness.Sender.Attempts);
    }

    [Fact]
    public async Task A_handler_run_again_after_a_crash_stores_nothing_twice_and_repeats_the_same_answer_id()
    {
        await using var harness = await EmailHarness.StartAsync();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, "nothing useful here");
        var receipt = await harness.ReceiveAsync(raw);
        var handler = harness.Services.GetServices<IMessageHandler>().OfType<EmailReceivedHandler>().Single();
        var queued = Assert.Single(await harness.Services.GetRequiredService<Core.Ports.IMessageQueue>().ReceiveAsync(10, CancellationToken.None));

        await handler.HandleAsync(queued, CancellationToken.None);
        await handler.HandleAsync(queued, CancellationToken.None);

        Assert.Equal(receipt.EmailId, queued.MessageId);
        Assert.Single(await harness.Store.ListRejectionsAsync(10, CancellationToken.None));
        Assert.Equal(2, harness.Sender.Attempts);
        Assert.Equal("ack:" + receipt.Sha256, Assert.Single(harness.Sender.Sent).MessageId);
    }

    [Fact]
    public async Task With_the_local_outbox_a_handler_run_twice_leaves_one_answer_file()
    {
        using var outbox = new ImeBridge.Testing.TempDirectory();
        await using var harness = await EmailHarness.StartAsync(configure: services => services.AddSingleton<Core.Ports.IEmailSender>(sp => new LocalFiles.LocalOutboxEmailSender(outbox.Path, TimeProvider.System)));
        await harness.ReceiveAsync(TestMessages.Plain(TestPartners.AcmeSender, TestMessages.PlainReferralLetter(TestMessages.DueDateUs())));
        var handler = harness.Services.GetServices<IMessageHandler>().OfType<EmailReceivedHandler>().Single();
        var queued = Assert.Single(await harness.Services.GetRequiredService<Core.Ports.IMessageQueue>().ReceiveAsync(10, CancellationToken.None));

        await handler.HandleAsync(queued, CancellationToken.None);
        await handler.HandleAsync(queued, CancellationToken.None);

        var answer = File.ReadAllText(Assert.Single(Directory.GetFiles(outbox.Path)));
        Assert.Contains($"To: {TestPartners.AcmeSender}", answer, StringComparison.Ordinal);
        Assert.Contains("In-Reply-To: <", answer, StringComparison.Ordinal);
        Assert.Matches(@"ref_[0-9a-f]{32}", answer);
        Assert.Equal(1, harness.CountReferrals());
    }

    [Fact]
    public async Task The_same_referral_sent_in_two_different_emails_is_stored_once()
    {
        await using var harness = await EmailHarness.StartAsync();
        var letter = TestMessages.PlainReferralLetter(TestMessages.DueDateUs());

        await harness.ReceiveAsync(TestMessages.Plain(TestPartners.AcmeSender, letter));
        await harness.ReceiveAsync(TestMessages.Plain(TestPartners.AcmeColleague, "Resending:\n\n" + letter));
        await harness.DrainAsync();

        Assert.Equal(1, harness.CountReferrals());
        Assert.Single(harness.AcknowledgedReferralIds());
        Assert.Equal(2, harness.Sender.Sent.Count);
    }
}
