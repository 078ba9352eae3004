using ImeBridge.Adapters.Email.Intake;
using ImeBridge.Adapters.Email.Tests.Support;
using MimeKit;

namespace ImeBridge.Adapters.Email.Tests.Intake;

/// <summary>What cannot go straight into the workflow goes to the rejections list with the .eml kept, never lost.</summary>
public sealed class EmailTriageTests
{
    [Fact]
    public async Task A_message_without_a_referral_is_triaged_with_the_eml_kept_and_the_sender_told_what_is_missing()
    {
        await using var harness = await EmailHarness.StartAsync();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, $"Claimant: {FixtureClaimant.FirstName}\nPlease call me about this one.");

        var receipt = await harness.ReceiveAsync(raw);
        await harness.DrainAsync();

        var triage = Assert.Single(await harness.Store.ListRejectionsAsync(10, CancellationToken.None));
        Assert.Equal("email", triage.Channel);
        Assert.Equal(TestPartners.Acme.Id, triage.PartnerId);
        Assert.Equal(receipt.EmailId, triage.DeliveryId);
        Assert.Equal("message/rfc822", triage.Original!.ContentType);
        Assert.Equal(raw, await harness.Store.ReadOriginalAsync(triage.Original, CancellationToken.None));
        Assert.Contains(triage.Errors, e => e.Path == "claimant.lastName" && e.Reason == "not found in the message");
        Assert.Contains(triage.Errors, e => e.Path == "claim.claimNumber");
        Assert.Equal(0, harness.CountReferrals());

        var ack = Assert.Single(harness.Sender.Sent);
        Assert.Equal(TestPartners.AcmeSender, ack.To);
        Assert.Contains(triage.RejectionId, ack.TextBody, StringComparison.Ordinal);
        Assert.Contains("claimant.lastName: not found in the message", ack.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(FixtureClaimant.LastName, ack.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_failing_spf_goes_to_triage_however_good_its_referral_and_is_not_answered()
    {
        await using var harness = await EmailHarness.StartAsync();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, TestMessages.PlainReferralLetter(TestMessages.DueDateUs()));

        await harness.ReceiveAsync(raw, InboundAuthentication.FromSendGrid("fail", "{@acme-insurance.example : pass}"), "sendgrid");
        await harness.DrainAsync();

        var triage = Assert.Single(await harness.Store.ListRejectionsAsync(10, CancellationToken.None));
        Assert.Equal(TestPartners.Acme.Id, triage.PartnerId);
        Assert.Contains("SPF fail", Assert.Single(triage.Errors).Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.CountReferrals());
        Assert.Empty(harness.Sender.Sent);
    }

    [Fact]
    public async Task A_failed_dkim_signature_also_goes_to_triage()
    {
        await using var harness = await EmailHarness.StartAsync();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, TestMessages.PlainReferralLetter(TestMessages.DueDateUs()));

        await harness.ReceiveAsync(raw, InboundAuthentication.FromSendGrid("pass", "{@acme-insurance.example : fail}"), "sendgrid");
        await harness.DrainAsync();

        var triage = Assert.Single(await harness.Store.ListRejectionsAsync(10, CancellationToken.None));
        Assert.Contains("DKIM", Assert.Single(triage.Errors).Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.CountReferrals());
    }

    [Fact]
    public async Task An_unknown_sender_goes_to_triage_without_a_partner_and_gets_no_answer()
    {
        await using var harness = await EmailHarness.StartAsync();
        var raw = TestMessages.Plain(TestPartners.Stranger, TestMessages.PlainReferralLetter(TestMessages.DueDateUs()));

        await harness.ReceiveAsync(raw);
        await harness.DrainAsync();
        await harness.ReceiveAsync(raw);
        await harness.DrainAsync();

        var triage = Assert.Single(await harness.Store.ListRejectionsAsync(10, CancellationToken.None));
        Assert.Null(triage.PartnerId);
        var reason = Assert.Single(triage.Errors);
        Assert.Equal(("source.partnerId", "sender is not a configured partner"), (reason.Path, reason.Reason));
        Assert.Equal(0, harness.CountReferrals());
        Assert.Empty(harness.Sender.Sent);
    }

    [Fact]
    public async Task An_exact_sender_address_wins_over_another_partners_domain()
    {
        var settings = new Dictionary<string, string?> { ["partners:1:email:domains:0"] = "shared-mail.example" };
        settings["partners:0:email:senders:1"] = "acme-desk@shared-mail.example";
        await using var harness = await EmailHarness.StartAsync(settings);

        await harness.ReceiveAsync(TestMessages.Plain("acme-desk@shared-mail.example", TestMessages.PlainReferralLetter(TestMessages.DueDateUs())));
        await harness.DrainAsync();

        var referral = (await harness.ReferralsAsync(harness.AcknowledgedReferralIds())).Single();
        Assert.Equal(TestPartners.Acme.Id, referral.PartnerId);
    }

    [Fact]
    public async Task An_auto_reply_is_handled_but_never_answered()
    {
        await using var harness = await EmailHarness.StartAsync();
        var message = TestMessages.New(TestPartners.AcmeSender, subject: "Out of office");
        message.Headers.Add("Auto-Submitted", "auto-replied");
        message.Body = new TextPart("plain") { Text = "I am out of the office until Monday." };

        await harness.ReceiveAsync(TestMessages.Bytes(message));
        await harness.DrainAsync();

        Assert.Single(await harness.Store.ListRejectionsAsync(10, CancellationToken.None));
        Assert.Empty(harness.Sender.Sent);
    }
}
