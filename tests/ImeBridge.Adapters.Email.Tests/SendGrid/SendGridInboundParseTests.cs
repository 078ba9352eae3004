using System.Text;
using ImeBridge.Adapters.Email.Intake;
using ImeBridge.Adapters.Email.SendGrid;
using ImeBridge.Adapters.Email.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.Email.Tests.SendGrid;

/// <summary>SendGrid Inbound Parse posts: the secret guards the endpoint, the raw MIME is kept and queued.</summary>
public sealed class SendGridInboundParseTests
{
    private static Dictionary<string, string> Post(byte[] raw, string spf = "pass", string dkim = "{@acme-insurance.example : pass}") => new()
    {
        ["email"] = Encoding.UTF8.GetString(raw),
        ["SPF"] = spf,
        ["dkim"] = dkim,
        ["from"] = TestPartners.AcmeSender,
        ["to"] = "referrals@imebridge.example",
        ["envelope"] = """{"to":["referrals@imebridge.example"],"from":"claims.intake@acme-insurance.example"}""",
    };

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sg-inbound-secret-0123456789abcdeX")]
    [InlineData("sg-inbound-secret")]
    public async Task A_missing_or_wrong_secret_is_unauthorized_and_nothing_is_kept(string? secret)
    {
        await using var harness = await EmailHarness.StartAsync();
        var parse = harness.Services.GetRequiredService<SendGridInboundParse>();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, TestMessages.PlainReferralLetter(TestMessages.DueDateUs()));

        var outcome = await parse.AcceptAsync(secret, Post(raw), null, CancellationToken.None);
        await harness.DrainAsync();

        Assert.Equal(SendGridParseStatus.Unauthorized, outcome.Status);
        Assert.Null(outcome.EmailId);
        Assert.Equal(0, harness.CountReferrals());
        Assert.Null(await harness.Documents.OpenAsync(Sha256(raw), CancellationToken.None));
    }

    [Fact]
    public async Task The_right_secret_keeps_the_raw_message_and_the_referral_is_stored()
    {
        await using var harness = await EmailHarness.StartAsync();
        var parse = harness.Services.GetRequiredService<SendGridInboundParse>();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, TestMessages.PlainReferralLetter(TestMessages.DueDateUs()));

        var outcome = await parse.AcceptAsync(TestPartners.SendGridSecret, Post([]), raw, CancellationToken.None);
        await harness.DrainAsync();

        Assert.Equal(SendGridParseStatus.Accepted, outcome.Status);
        Assert.Equal("email:" + Sha256(raw), outcome.EmailId);
        var referral = (await harness.ReferralsAsync(harness.AcknowledgedReferralIds())).Single();
        Assert.Equal(outcome.EmailId, referral.Referral.Source.DeliveryId);
    }

    [Fact]
    public async Task The_email_text_field_is_used_when_the_endpoint_has_no_raw_bytes()
    {
        await using var harness = await EmailHarness.StartAsync();
        var parse = harness.Services.GetRequiredService<SendGridInboundParse>();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, TestMessages.PlainReferralLetter(TestMessages.DueDateUs()));

        var outcome = await parse.AcceptAsync(TestPartners.SendGridSecret, Post(raw), null, CancellationToken.None);
        await harness.DrainAsync();

        Assert.Equal(SendGridParseStatus.Accepted, outcome.Status);
        Assert.Equal(1, harness.CountReferrals());
    }

    [Fact]
    public async Task A_post_without_the_raw_message_says_how_to_configure_sendgrid()
    {
        await using var harness = await EmailHarness.StartAsync();
        var parse = harness.Services.GetRequiredService<SendGridInboundParse>();
        var parsedOnly = new Dictionary<string, string> { ["text"] = "Claimant: …", ["from"] = TestPartners.AcmeSender, ["SPF"] = "pass" };

        var outcome = await parse.AcceptAsync(TestPartners.SendGridSecret, parsedOnly, null, CancellationToken.None);

        Assert.Equal(SendGridParseStatus.MissingRawMessage, outcome.Status);
        Assert.Contains("POST the raw, full MIME message", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendGrids_spf_verdict_reaches_the_handler()
    {
        await using var harness = await EmailHarness.StartAsync();
        var parse = harness.Services.GetRequiredService<SendGridInboundParse>();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, TestMessages.PlainReferralLetter(TestMessages.DueDateUs()));

        await parse.AcceptAsync(TestPartners.SendGridSecret, Post(raw, spf: "softfail"), raw, CancellationToken.None);
        await harness.DrainAsync();

        Assert.Equal(0, harness.CountReferrals());
        Assert.Contains("SPF softfail", Assert.Single(await harness.Store.ListRejectionsAsync(10, CancellationToken.None)).Errors[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_secret_the_endpoint_is_off()
    {
        await using var harness = await EmailHarness.StartAsync(new Dictionary<string, string?> { ["inboundEmail:secret"] = null });
        var parse = harness.Services.GetRequiredService<SendGridInboundParse>();

        var outcome = await parse.AcceptAsync("anything", Post(Encoding.ASCII.GetBytes("Subject: x\r\n\r\nx")), null, CancellationToken.None);

        Assert.Equal(SendGridParseStatus.NotConfigured, outcome.Status);
    }

    [Theory]
    [InlineData("pass", "{@acme.example : pass}", AuthenticationResult.Pass, AuthenticationResult.Pass)]
    [InlineData("softfail", "none", AuthenticationResult.SoftFail, AuthenticationResult.None)]
    [InlineData("fail", "{@acme.example : pass, @sendgrid.net : fail}", AuthenticationResult.Fail, AuthenticationResult.Fail)]
    [InlineData("neutral", "{@acme.example : pass, @list.example : neutral}", AuthenticationResult.Neutral, AuthenticationResult.Pass)]
    [InlineData(null, null, AuthenticationResult.NotChecked, AuthenticationResult.NotChecked)]
    public void SendGrids_spf_and_dkim_fields_are_read(string? spf, string? dkim, AuthenticationResult expectedSpf, AuthenticationResult expectedDkim)
    {
        var authentication = InboundAuthentication.FromSendGrid(spf, dkim);

        Assert.Equal((expectedSpf, expectedDkim), (authentication.Spf, authentication.Dkim));
        Assert.Equal(expectedSpf is AuthenticationResult.Fail or AuthenticationResult.SoftFail || expectedDkim == AuthenticationResult.Fail, authentication.Failures().Count > 0);
    }

    private static string Sha256(byte[] raw) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(raw));
}
