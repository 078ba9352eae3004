using System.Globalization;
using System.Text.Json;
using ImeBridge.Functions.Tests.Support;
using ImeBridge.Testing.Servers;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions.Tests.Functions;

/// <summary>The SFTP timer of the Functions app, made from its container as the worker makes it, against a real OpenSSH server.</summary>
public sealed class PollSftpPartnersFunctionTests(PollSftpPartnersFunctionTests.SshdFixture sshd) : IClassFixture<PollSftpPartnersFunctionTests.SshdFixture>
{
    private const string PartnerId = "acme-insurance";
    private const string PartnerToken = "acme-read-token";
    private const string Header =
        "source.externalId,claimant.firstName,claimant.lastName,claimant.dateOfBirth,claim.claimNumber,claim.lineOfBusiness,claim.jurisdiction,claim.dateOfInjury,request.examType,request.questions";

    [Fact]
    public async Task One_tick_takes_in_the_file_the_partner_dropped_acks_and_archives_it_and_the_partner_reads_the_referral()
    {
        var inbound = Path.Combine(sshd.Server.DataFolder, Guid.NewGuid().ToString("N"), "inbound");
        Directory.CreateDirectory(inbound);
        await using var app = await FunctionsApp.StartAsync(SftpPartner(inbound));
        await File.WriteAllTextAsync(Path.Combine(inbound, "batch.csv"), string.Join(
            "\r\n",
            Header,
            "FN-0001,Dana,Quillfeather,1980-01-15,WC-0001,workersComp,NY,2026-02-09,ime,Is the injury work related?|Has the claimant reached MMI?",
            "FN-0002,Sam,Okafor,1979-03-14,WC-0002,workersComp,ZZ,2026-02-09,ime,Is the injury work related?",
            ""));

        await Tick(app);

        Assert.Empty(Directory.GetFiles(inbound));
        Assert.Equal(["batch.csv"], Directory.GetFiles(Path.Combine(inbound, "archive")).Select(Path.GetFileName));
        using var ack = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(inbound, "ack", "batch.csv.ack.json")));
        var rows = ack.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["accepted", "rejected"], rows.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("claim.jurisdiction", rows[1].GetProperty("errors")[0].GetProperty("path").GetString());
        var referralId = rows[0].GetProperty("referralId").GetString()!;

        var read = await app.ActivateAsync<GetReferral, ExecutedResult>(async (function, services) =>
        {
            var request = HttpRequests.Get(services, "/api/referrals/" + referralId, PartnerToken);
            return await ExecutedResult.ExecuteAsync(await function.RunAsync(request, referralId, CancellationToken.None), request);
        });
        Assert.Equal(StatusCodes.Status200OK, read.StatusCode);
        var source = read.Body.GetProperty("referral").GetProperty("source");
        Assert.Equal("sftp", source.GetProperty("channel").GetString());
        Assert.Equal(PartnerId, source.GetProperty("partnerId").GetString());
        Assert.Equal("FN-0001", source.GetProperty("externalId").GetString());
    }

    [Fact]
    public async Task A_partner_whose_interval_is_not_due_is_not_polled_on_the_next_tick()
    {
        var inbound = Path.Combine(sshd.Server.DataFolder, Guid.NewGuid().ToString("N"), "inbound");
        Directory.CreateDirectory(inbound);
        var settings = SftpPartner(inbound);
        settings["partners:0:sftp:pollInterval"] = "01:00:00";
        await using var app = await FunctionsApp.StartAsync(settings);
        await Tick(app);
        await File.WriteAllTextAsync(Path.Combine(inbound, "late.csv"), Header + "\r\nFN-0003,Dana,Quillfeather,1980-01-15,WC-0003,workersComp,NY,2026-02-09,ime,Is the injury work related?\r\n");

        await Tick(app);

        Assert.Equal(["late.csv"], Directory.GetFiles(inbound).Select(Path.GetFileName));
    }

    private static Task<bool> Tick(FunctionsApp app) =>
        app.ActivateAsync<PollSftpPartners, bool>(async (function, _) =>
        {
            await function.RunAsync(new TimerInfo(), CancellationToken.None);
            return true;
        });

    private Dictionary<string, string?> SftpPartner(string inbound) => new()
    {
        ["partners:0:id"] = PartnerId,
        ["partners:0:kind"] = "insurer",
        ["partners:0:name"] = "Acme",
        ["partners:0:webhookSecret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ["partners:0:apiToken"] = PartnerToken,
        ["partners:0:sftp:host"] = sshd.Server.Host,
        ["partners:0:sftp:port"] = sshd.Server.Port.ToString(CultureInfo.InvariantCulture),
        ["partners:0:sftp:username"] = sshd.Server.UserName,
        ["partners:0:sftp:privateKeyFile"] = sshd.Server.ClientPrivateKeyFile,
        ["partners:0:sftp:hostKeySha256"] = sshd.Server.HostKeySha256,
        ["partners:0:sftp:inboundFolder"] = inbound,
        ["partners:0:sftp:pollInterval"] = "00:00:01",
        ["partners:0:sftp:stableFor"] = "00:00:00",
    };

    /// <summary>One real OpenSSH server (SFTP only, loopback) for the class.</summary>
    public sealed class SshdFixture : IDisposable
    {
        public SshdServer Server { get; } = SshdServer.Start();

        public void Dispose() => Server.Dispose();
    }
}
