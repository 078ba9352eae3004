using System.Net;
using System.Text;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Email;

/// <summary>
/// <c>POST /api/email/inbound</c> (SendGrid Inbound Parse, "POST the raw, full MIME message") on the real Kestrel
/// host: the secret from the URL, the raw message kept under <c>email:{sha256}</c>, and the queue pump turning it
/// into a referral and an acknowledgement to the sender.
/// </summary>
public sealed class InboundEmailEndpointTests
{
    private static readonly TimeSpan PumpBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_raw_message_with_the_key_is_kept_with_200_and_its_sha256_id_and_a_repeat_or_basic_auth_gets_the_same_id()
    {
        await using var app = await InboundEmailApp.StartAsync();
        var raw = ReferralEmails.LabelledForm();
        var expectedId = InboundEmailApp.EmailIdOf(raw);

        var first = await app.Client.SendAsync(InboundEmailApp.Post(raw));
        var again = await app.Client.SendAsync(InboundEmailApp.Post(raw));
        var basic = await app.Client.SendAsync(InboundEmailApp.PostWithBasicAuth(raw, InboundEmailApp.Secret));

        foreach (var response in new[] { first, again, basic })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.MediaType());
            Assert.Equal(expectedId, (string?)(await response.ReadObjectAsync())["emailId"]);
        }
    }

    [Fact]
    public async Task A_missing_or_wrong_secret_is_401_problem_json_with_a_basic_challenge()
    {
        await using var app = await InboundEmailApp.StartAsync();
        var raw = ReferralEmails.LabelledForm();

        var responses = new[]
        {
            await app.Client.SendAsync(InboundEmailApp.Post(raw, key: "not-the-secret-but-long-enough-1234")),
            await app.Client.SendAsync(InboundEmailApp.Post(raw, key: null)),
            await app.Client.SendAsync(InboundEmailApp.PostWithBasicAuth(raw, "not-the-secret-but-long-enough-1234")),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.MediaType());
            Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(InboundEmailApp.Secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(ReferralEmails.ClaimantLastName, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_post_without_the_email_field_is_400_telling_to_post_the_raw_full_MIME_message()
    {
        await using var app = await InboundEmailApp.StartAsync();

        var response = await app.Client.SendAsync(InboundEmailApp.Post(rawMessage: null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        var detail = (string?)(await response.ReadObjectAsync())["detail"];
        Assert.Contains("POST the raw, full MIME message", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_body_is_415()
    {
        await using var app = await InboundEmailApp.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, InboundEmailApp.Route + "?key=" + InboundEmailApp.Secret)
        {
            Content = new StringContent("{\"email\":\"From: claims@acme.example\"}", Encoding.UTF8, "application/json"),
        };

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
    }

    [Fact]
    public async Task Without_inboundEmail_secret_configured_every_post_is_404()
    {
        await using var app = await InboundEmailApp.StartAsync(inboundEmailConfigured: false);

        var withKey = await app.Client.SendAsync(InboundEmailApp.Post(ReferralEmails.LabelledForm()));
        var withoutKey = await app.Client.SendAsync(InboundEmailApp.Post(ReferralEmails.LabelledForm(), key: null));

        Assert.Equal(HttpStatusCode.NotFound, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withoutKey.StatusCode);
        Assert.Equal("application/problem+json", withKey.MediaType());
    }

    [Fact]
    public async Task The_kept_email_becomes_one_referral_the_partner_reads_back_and_one_acknowledgement_and_no_log_line_carries_the_claimant()
    {
        string referralId;
        string text;
        string ownLines;
        await using (var app = await InboundEmailApp.StartAsync())
        {
            var raw = ReferralEmails.LabelledForm();
            var emailId = InboundEmailApp.EmailIdOf(raw);
            Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(InboundEmailApp.Post(raw))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(InboundEmailApp.Post(raw))).StatusCode);

            var received = await WaitAsync(() => app.Handler.Received is [var first, ..] ? first : null);
            Assert.True(received is not null, "no ReferralReceived was dispatched; logs:\n" + app.Logs.AllText);
            referralId = received.ReferralId;
            var acknowledged = await WaitAsync(() => app.OutboxFiles().SingleOrDefault(IsAcknowledgement));
            Assert.True(acknowledged is not null, "no acknowledgement in the outbox; logs:\n" + app.Logs.AllText);

            var read = await app.Client.SendAsync(SignedRequests.Get(referralId, TestPartner.Acme.ApiToken));
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var referral = (await read.ReadObjectAsync())["referral"]!;
            Assert.Equal("email", (string?)referral["source"]!["channel"]);
            Assert.Equal(TestPartner.Acme.Id, (string?)referral["source"]!["partnerId"]);
            Assert.Equal(emailId, (string?)referral["source"]!["deliveryId"]);
            Assert.Equal(ReferralEmails.ClaimantLastName, (string?)referral["claimant"]!["lastName"]);
            Assert.Equal(ReferralEmails.DateOfBirthCanonical, (string?)referral["claimant"]!["dateOfBirth"]);
            Assert.Equal(ReferralEmails.ClaimNumber, (string?)referral["claim"]!["claimNumber"]);
            Assert.Equal(2, referral["request"]!["questions"]!.AsArray().Count);
            Assert.Contains(referral["documents"]!.AsArray(), d => (string?)d!["fileName"] == "referral-email.eml" && (string?)d["kind"] == "referralLetter");

            // Another partner cannot see it.
            Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(SignedRequests.Get(referralId, TestPartner.Globex.ApiToken))).StatusCode);

            var answer = await File.ReadAllTextAsync(acknowledged);
            Assert.Contains("NOT SENT", answer, StringComparison.Ordinal);
            Assert.Contains("To: " + InboundEmailApp.AcmeSender, answer, StringComparison.Ordinal);
            Assert.Contains("Subject: ImeBridge: referral received\r\n", answer, StringComparison.Ordinal);
            Assert.Contains(referralId, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(ReferralEmails.ClaimantLastName, answer, StringComparison.Ordinal);

            // Posted twice, taken in once: let the pump settle, then count.
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Single(app.Handler.Received);
            // One acknowledgement (the referrer's status notices are in the outbox too).
            Assert.Single(app.OutboxFiles(), IsAcknowledgement);
            text = app.Logs.AllText;
            ownLines = string.Join('\n', app.Logs.Lines.Where(l => l.Split(' ', 3)[1].StartsWith("ImeBridge.", StringComparison.Ordinal)));
        }

        Assert.Contains(referralId, text, StringComparison.Ordinal);
        // ImeBridge's own lines never carry the secret. (ASP.NET Core's request log, at Information, prints the URL with
        // its ?key=: imebridge serve keeps Microsoft.AspNetCore at Warning.)
        Assert.Contains("received via sendgrid", ownLines, StringComparison.Ordinal);
        Assert.DoesNotContain(InboundEmailApp.Secret, ownLines, StringComparison.Ordinal);
        foreach (var phi in new[] { ReferralEmails.ClaimantLastName, ReferralEmails.DateOfBirth, ReferralEmails.DateOfBirthCanonical, ReferralEmails.ClaimNumber })
        {
            Assert.False(text.Contains(phi, StringComparison.OrdinalIgnoreCase), $"a log line carries the claimant's '{phi}'");
        }
    }

    [Fact]
    public async Task An_email_from_a_sender_no_partner_owns_goes_to_triage_and_is_not_answered()
    {
        await using var app = await InboundEmailApp.StartAsync();
        var raw = ReferralEmails.LabelledForm(from: "someone@elsewhere.example");

        var response = await app.Client.SendAsync(InboundEmailApp.Post(raw, dkim: "{@elsewhere.example : pass}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var store = app.Services.GetRequiredService<IReferralStore>();
        var triaged = await WaitAsync(() => store.ListRejectionsAsync(10, CancellationToken.None).GetAwaiter().GetResult().SingleOrDefault());
        Assert.True(triaged is not null, "nothing reached triage; logs:\n" + app.Logs.AllText);
        Assert.Equal("email", triaged.Channel);
        Assert.Contains(triaged.Errors, e => e.Path == "source.partnerId" && e.Reason == "sender is not a configured partner");
        Assert.Empty(app.Handler.Received);
        Assert.Empty(app.OutboxFiles());
    }

    private static async Task<T?> WaitAsync<T>(Func<T?> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + PumpBound;
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        return null;
    }

    private static bool IsAcknowledgement(string outboxFile) =>
        File.ReadAllText(outboxFile).Contains("Subject: ImeBridge: referral received", StringComparison.Ordinal);
}
