using System.IO.Compression;
using System.Net;
using System.Text.Json;
using ImeBridge.Core.Workflow.Case;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Workflow.Documents;

/// <summary>The expert's packet by its link: it downloads while the link is current, and nothing else does.</summary>
public sealed class PacketLinkTests
{
    [Fact]
    public async Task The_link_downloads_the_packet_whose_manifest_lists_the_questions_and_the_documents()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.DocumentsReadyAsync();
        var link = await scenario.CurrentLinkAsync(referralId);

        var response = await scenario.App.Client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.MediaType());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var stored = await scenario.Store.GetAsync(referralId, CancellationToken.None);
        Assert.Equal(stored!.Case.Documents!.Packet!.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var questions = manifest.RootElement.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(["Q1", "Q2", "Q3", "Q4", "Q5"], questions.Select(q => q.GetProperty("id").GetString()));
        Assert.StartsWith("Has the claimant reached maximum medical improvement?", questions[2].GetProperty("text").GetString(), StringComparison.Ordinal);
        var document = Assert.Single(manifest.RootElement.GetProperty("documents").EnumerateArray());
        Assert.Equal("medicalRecords", document.GetProperty("kind").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(DocumentsScenario.Pdf)), document.GetProperty("sha256").GetString());
        Assert.Equal(DocumentsScenario.Pdf, ReadAll(zip, document.GetProperty("file").GetString()!));
        // The two documents the sample only lists (their bytes never came) are named as not included.
        Assert.Equal(2, manifest.RootElement.GetProperty("notIncluded").GetArrayLength());
        var cover = new StreamReader(zip.GetEntry("cover.html")!.Open()).ReadToEnd();
        Assert.Contains("S82.201A", cover, StringComparison.Ordinal);
        Assert.Contains("NPI 1234567893", cover, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stored_case_and_the_logs_never_hold_the_token()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.DocumentsReadyAsync();
        var link = await scenario.CurrentLinkAsync(referralId);
        var token = link.Split('/')[^1];
        var signature = token.Split('.')[1];

        await scenario.App.Client.GetAsync(link);
        var stored = await scenario.Store.GetAsync(referralId, CancellationToken.None);

        Assert.DoesNotContain(signature, CaseJson.Serialize(stored!.Case), StringComparison.Ordinal);
        Assert.DoesNotContain(stored.Timeline, e => e.Detail?.Contains(signature, StringComparison.Ordinal) == true);
        // The host's own request lines and scopes (Microsoft.AspNetCore.*) name the path; `imebridge serve` keeps them at Warning.
        var ours = scenario.App.Logs.Lines.Where(l => !l.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) && !l.Contains(" Microsoft.AspNetCore.", StringComparison.Ordinal));
        Assert.DoesNotContain(ours, l => l.Contains(signature, StringComparison.Ordinal));
        Assert.Contains(scenario.App.Logs.Lines, l => l.Contains("downloaded with link", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tampered_or_made_up_token_gets_404()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.DocumentsReadyAsync();
        var link = await scenario.CurrentLinkAsync(referralId);
        var tampered = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];

        var tamperedResponse = await scenario.App.Client.GetAsync(tampered);
        var madeUp = await scenario.App.Client.GetAsync("/api/packets/" + Convert.ToBase64String(new byte[32]).TrimEnd('='));

        Assert.Equal(HttpStatusCode.NotFound, tamperedResponse.StatusCode);
        Assert.Equal("application/problem+json", tamperedResponse.MediaType());
        Assert.Equal(HttpStatusCode.NotFound, madeUp.StatusCode);
    }

    [Fact]
    public async Task An_expired_link_gets_410_gone()
    {
        var clock = new ShiftedClock();
        await using var scenario = await DocumentsScenario.StartAsync(clock);
        var referralId = await scenario.DocumentsReadyAsync();
        var link = await scenario.CurrentLinkAsync(referralId);
        Assert.Equal(HttpStatusCode.OK, (await scenario.App.Client.GetAsync(link)).StatusCode);

        clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        var response = await scenario.App.Client.GetAsync(link);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("The link has expired", (string?)(await response.ReadObjectAsync())["title"]);
    }

    [Fact]
    public async Task A_shorter_configured_lifetime_is_honoured()
    {
        var clock = new ShiftedClock();
        await using var scenario = await DocumentsScenario.StartAsync(clock, new Dictionary<string, string?> { ["documents:linkLifetime"] = "2.00:00:00" });
        var referralId = await scenario.DocumentsReadyAsync();
        var link = await scenario.CurrentLinkAsync(referralId);

        clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Gone, (await scenario.App.Client.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task An_operator_reissues_the_link_the_old_one_stops_working_and_the_expert_is_sent_the_new_one()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.DocumentsReadyAsync();
        var old = await scenario.CurrentLinkAsync(referralId);

        var response = await scenario.ReissueAsync(referralId);
        var answer = await response.ReadObjectAsync();
        var url = new Uri((string)answer["url"]!);
        var stored = await scenario.WaitForEventAsync(referralId, "packet.linkIssued");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scenario.App.Client.GetAsync(url.PathAndQuery)).StatusCode);
        var oldResponse = await scenario.App.Client.GetAsync(old);
        Assert.Equal(HttpStatusCode.Gone, oldResponse.StatusCode);
        Assert.Equal("The link was replaced", (string?)(await oldResponse.ReadObjectAsync())["title"]);
        var issued = Assert.Single(stored.Timeline, e => e.Event == "packet.linkIssued");
        Assert.Equal("operator:dana", issued.Actor);
        Assert.Equal((string?)answer["linkId"], stored.Case.Documents!.Link!.LinkId);
        Assert.DoesNotContain(url.Segments[^1], issued.Detail!, StringComparison.Ordinal);
        var resent = await scenario.Ready.WaitForAsync(b => b.LinkId == (string?)answer["linkId"]);
        Assert.Equal(stored.Case.Documents.Link.ExpiresAt, resent.LinkExpiresAt);
    }

    [Fact]
    public async Task Reissuing_needs_the_operator_token_and_a_packet()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.PostReferralAsync();
        await scenario.WaitForEventAsync(referralId, "documents.requested");

        var partnerToken = await scenario.ReissueAsync(referralId, TestPartner.Acme.ApiToken);
        var noPacket = await scenario.ReissueAsync(referralId);
        var unknown = await scenario.ReissueAsync("no-such-referral");

        Assert.Equal(HttpStatusCode.Unauthorized, partnerToken.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noPacket.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_link_keeps_working_after_a_restart_on_the_same_data_directory()
    {
        using var data = new TempDirectory();
        string referralId;
        string link;
        await using (var first = await DocumentsScenario.StartAsync(dataDirectory: data.Path))
        {
            referralId = await first.DocumentsReadyAsync();
            link = await first.CurrentLinkAsync(referralId);
        }

        await using var second = await DocumentsScenario.StartAsync(dataDirectory: data.Path);
        var response = await second.App.Client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(data.Path, "keys", "packet-links.key")));
    }

    [Fact]
    public async Task A_link_lifetime_of_zero_stops_the_app_from_starting()
    {
        var error = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TestApp.StartAsync(settings: new Dictionary<string, string?> { ["documents:linkLifetime"] = "00:00:00" }));

        Assert.Contains("documents:linkLifetime", error.Message, StringComparison.Ordinal);
    }

    private static byte[] ReadAll(ZipArchive zip, string name)
    {
        using var buffer = new MemoryStream();
        zip.GetEntry(name)!.Open().CopyTo(buffer);
        return buffer.ToArray();
    }
}
