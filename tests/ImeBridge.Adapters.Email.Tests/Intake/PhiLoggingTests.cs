using System.Text;
using ImeBridge.Adapters.Email.Imap;
using ImeBridge.Adapters.Email.Intake;
using ImeBridge.Adapters.Email.SendGrid;
using ImeBridge.Adapters.Email.Tests.Support;
using ImeBridge.Testing.Servers;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ImeBridge.Testing.Logging;

namespace ImeBridge.Adapters.Email.Tests.Intake;

/// <summary>PHI never reaches a log: every path through email intake is run and every captured line scanned for the fixture's claimant and senders.</summary>
public sealed class PhiLoggingTests
{
    [Fact]
    public async Task No_log_line_of_any_email_path_carries_the_claimants_data_the_subject_or_an_address()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?>
        {
            ["mailbox:host"] = dovecot.Host,
            ["mailbox:port"] = dovecot.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["mailbox:username"] = dovecot.Username,
            ["mailbox:password"] = dovecot.Password,
            ["mailbox:useTls"] = "false",
        };
        var letter = TestMessages.PlainReferralLetter(TestMessages.DueDateUs());
        var receipts = new List<EmailReceipt>();
        await using (var harness = await EmailHarness.StartAsync(settings, logs))
        {
            receipts.Add(await harness.ReceiveAsync(TestMessages.Plain(TestPartners.AcmeSender, letter, ("WC-NY-2026-771204 records.pdf", "application/pdf", TestMessages.PdfBytes))));
            receipts.Add(await harness.ReceiveAsync(TestMessages.HtmlOnly(TestPartners.GlobexSender, TestMessages.HtmlTableReferral(TestMessages.DueDateUs()))));
            receipts.Add(await harness.ReceiveAsync(TestMessages.Plain(TestPartners.AcmeSender, $"Claimant: {FixtureClaimant.FirstName} {FixtureClaimant.LastName}\nPhone: {FixtureClaimant.Phone}")));
            receipts.Add(await harness.ReceiveAsync(TestMessages.Plain(TestPartners.Stranger, letter)));
            receipts.Add(await harness.ReceiveAsync(TestMessages.Plain(TestPartners.AcmeColleague, letter), InboundAuthentication.FromSendGrid("fail", null), "sendgrid"));
            var badJson = ReferralFiles.CanonicalJson(FixtureClaimant.ClaimNumber, r =>
            {
                r["claimant"]!["lastName"] = FixtureClaimant.LastName;
                r["claimant"]!["dateOfBirth"] = FixtureClaimant.DateOfBirthUs;
            });
            receipts.Add(await harness.ReceiveAsync(TestMessages.Plain(TestPartners.AcmeSender, "json", ("referral.json", "application/json", badJson))));
            var csv = ReferralFiles.Csv($"EXT-1,{FixtureClaimant.FirstName},{FixtureClaimant.LastName},1979-03-14,{FixtureClaimant.ClaimNumber},workersComp,NY,ime", $"EXT-2,Dana,{FixtureClaimant.LastName},{FixtureClaimant.DateOfBirthUs},WC-2,workersComp,NY,ime");
            receipts.Add(await harness.ReceiveAsync(TestMessages.Plain(TestPartners.AcmeSender, "batch", ("claims.csv", "text/csv", csv))));
            await harness.Services.GetRequiredService<SendGridInboundParse>().AcceptAsync("wrong", new Dictionary<string, string> { ["email"] = letter }, null, CancellationToken.None);
            var viaSendGrid = TestMessages.Plain(TestPartners.AcmeSender, letter.Replace(FixtureClaimant.ReferralNumber, "ACME-REF-2", StringComparison.Ordinal));
            await harness.Services.GetRequiredService<SendGridInboundParse>().AcceptAsync(TestPartners.SendGridSecret, new Dictionary<string, string> { ["SPF"] = "pass" }, viaSendGrid, CancellationToken.None);
            using (var client = new ImapClient())
            {
                await client.ConnectAsync(dovecot.Host, dovecot.Port, SecureSocketOptions.None);
                await client.AuthenticateAsync(dovecot.Username, dovecot.Password);
                var viaImap = TestMessages.Plain(TestPartners.AcmeSender, letter.Replace(FixtureClaimant.ReferralNumber, "ACME-REF-3", StringComparison.Ordinal));
                await client.Inbox.AppendAsync(MimeMessage.Load(new MemoryStream(viaImap)));
                await client.DisconnectAsync(true);
            }

            await harness.Services.GetRequiredService<ImapMailboxPoller>().PollAsync(CancellationToken.None);
            await harness.DrainAsync();
            Assert.True(harness.CountReferrals() >= 5, "the run should store referrals from several paths");
            Assert.True((await harness.Store.ListRejectionsAsync(20, CancellationToken.None)).Count >= 4, "the run should triage and reject several messages");
        }

        var text = logs.AllText;
        Assert.All(receipts, receipt => Assert.Contains(receipt.EmailId, text, StringComparison.Ordinal));
        string[] forbidden = [.. FixtureClaimant.Phi, FixtureClaimant.FirstName + " ", "Daniela", TestPartners.AcmeSender, TestPartners.AcmeColleague, TestPartners.GlobexSender, TestPartners.Stranger, "@acme-insurance.example", "records.pdf", "claims.csv", TestPartners.SendGridSecret, dovecot.Password];
        foreach (var value in forbidden)
        {
            Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"a log line carries '{value}'");
        }
    }
}
