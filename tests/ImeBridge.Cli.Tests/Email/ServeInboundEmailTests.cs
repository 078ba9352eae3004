using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImeBridge.Cli.Tests.Support;

namespace ImeBridge.Cli.Tests.Email;

/// <summary>
/// <c>imebridge serve --config</c> with <c>inboundEmail.secret</c> and a partner's email senders: a SendGrid Inbound
/// Parse post becomes a referral the partner reads back with <c>imebridge status</c>, and an acknowledgement in the
/// outbox; serve's output carries neither the claimant nor the secret from the URL.
/// </summary>
public sealed class ServeInboundEmailTests
{
    private const string Letter = """
        From: Acme Claims Intake <claims@acme.example>
        To: referrals@imebridge.example
        Subject: IME referral
        Message-ID: <serve-email-0042@acme.example>
        Date: Fri, 27 Nov 2026 09:00:00 +0000
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        Claimant: Rosalind Featherstonehaugh
        DOB: 03/14/1979
        Claim #: WC-2026-77731
        DOI: 06/03/2026
        Line of Business: Workers' Comp
        State of Jurisdiction: New York
        Specialty: Orthopaedic Surgery
        Questions:
        1. Is the lumbar injury causally related to the lifting incident?
        2. Has the claimant reached maximum medical improvement?

        """;

    [Fact]
    public async Task A_posted_referral_email_is_stored_read_back_with_status_and_answered_in_the_outbox()
    {
        using var work = new TempDirectory();
        var data = Path.Combine(work.Path, "data");
        var settings = JsonNode.Parse(ConfigFiles.Acme)!.AsObject();
        settings["partners"]![0]!["email"] = new JsonObject { ["senders"] = new JsonArray("claims@acme.example") };
        settings["inboundEmail"] = new JsonObject { ["secret"] = SftpPartnerSetup.InboundEmailSecret };
        var config = await ConfigFiles.WriteAsync(work, "imebridge.json", settings.ToJsonString());
        await using var serve = await ServeProcess.StartAsync(data, "--config", config);
        using var client = new HttpClient { BaseAddress = new Uri(serve.BaseUrl) };
        var raw = Encoding.UTF8.GetBytes(Letter.ReplaceLineEndings("\r\n"));

        using var form = new MultipartFormDataContent
        {
            { new StringContent("pass"), "SPF" },
            { new StringContent("{@acme.example : pass}"), "dkim" },
            { new ByteArrayContent(raw), "email" },
        };
        var response = await client.PostAsync("/api/email/inbound?key=" + SftpPartnerSetup.InboundEmailSecret, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var outbox = Path.Combine(data, "outbox", "email");
        // The acknowledgement to the sender (the referrer's status notices land in the outbox too).
        string? Acknowledgement() => Directory.Exists(outbox)
            ? Directory.GetFiles(outbox, "*.eml").SingleOrDefault(f => File.ReadAllText(f).Contains("Subject: ImeBridge: referral received", StringComparison.Ordinal))
            : null;
        var answered = await Poll.UntilAsync(() => Acknowledgement() is not null, TimeSpan.FromSeconds(20));
        Assert.True(answered, "no acknowledgement in the outbox\n" + serve.Stdout + serve.Stderr);
        var referralId = Assert.Single(DataFolderDatabase.ReferralIdsByExternalId(data, ConfigFiles.AcmeId)).Value;
        Assert.Contains(referralId, await File.ReadAllTextAsync(Acknowledgement()!), StringComparison.Ordinal);

        var status = await ImeBridgeCli.RunAsync("status", referralId, "--url", serve.BaseUrl, "--partner", ConfigFiles.AcmeId, "--config", config);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("\"channel\": \"email\"", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"lastName\": \"Featherstonehaugh\"", status.Stdout, StringComparison.Ordinal);

        var output = serve.Stdout + serve.Stderr;
        Assert.DoesNotContain(SftpPartnerSetup.InboundEmailSecret, output, StringComparison.Ordinal);
        foreach (var phi in new[] { "Featherstonehaugh", "03/14/1979", "1979-03-14", "WC-2026-77731" })
        {
            Assert.DoesNotContain(phi, output, StringComparison.OrdinalIgnoreCase);
        }
    }
}
