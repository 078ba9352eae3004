using System.Text.Json;
using System.Text.RegularExpressions;
using ImeBridge.Cli.Tests.Support;

namespace ImeBridge.Cli.Tests.Sftp;

/// <summary>
/// <c>imebridge serve --config</c> with a partner whose <c>sftp</c> block points at a real OpenSSH server: a file the
/// partner drops is taken in by the background poller, acked and archived, with nothing but the partner's folder and
/// the data folder to look at, as an operator would.
/// </summary>
[Collection(ServeBatchCollection.Name)]
public sealed partial class ServeSftpIntakeTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    private const string SampleName = "demo-referrals-20261127.csv";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_demo_batch_dropped_on_the_partners_server_is_stored_acked_row_by_row_and_archived()
    {
        using var work = new TempDirectory();
        var data = Path.Combine(work.Path, "data");
        var partner = SftpPartnerSetup.Create(sshd.Server);
        var config = await partner.WriteConfigAsync(sshd.Server, work);
        await using var serve = await ServeProcess.StartAsync(data, "--config", config);

        var sha256 = partner.Drop(SampleName, await File.ReadAllBytesAsync(RepositoryFolders.File("samples", "sftp", SampleName)));
        var archived = await Poll.UntilAsync(
            () => SftpPartnerSetup.Names(partner.Archive).Contains(SampleName)
                && File.Exists(Path.Combine(partner.Ack, SampleName + ".ack.csv"))
                && File.Exists(Path.Combine(partner.Ack, SampleName + ".ack.json")),
            Bound);

        Assert.True(archived, Diagnostics(partner, serve));
        Assert.Equal([SampleName], SftpPartnerSetup.Names(partner.Archive));
        Assert.Empty(SftpPartnerSetup.Names(partner.Inbound));
        Assert.Empty(SftpPartnerSetup.Names(partner.Processing));
        Assert.Empty(SftpPartnerSetup.Names(partner.Error));

        var stored = DataFolderDatabase.ReferralIdsByExternalId(data, ConfigFiles.AcmeId);
        Assert.Equal(["ACME-B-0001", "ACME-B-0002"], stored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, DataFolderDatabase.CountReferrals(data));

        var ackCsv = (await File.ReadAllTextAsync(Path.Combine(partner.Ack, SampleName + ".ack.csv"))).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(4, ackCsv.Length);
        Assert.Equal("row,externalId,status,referralId,errors", ackCsv[0]);
        Assert.Equal($"1,ACME-B-0001,accepted,{stored["ACME-B-0001"]},", ackCsv[1]);
        Assert.Equal($"2,ACME-B-0002,accepted,{stored["ACME-B-0002"]},", ackCsv[2]);
        Assert.StartsWith("3,ACME-B-0003,rejected,,claimant.dateOfBirth: ", ackCsv[3], StringComparison.Ordinal);

        using var ackJson = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(partner.Ack, SampleName + ".ack.json")));
        var ack = ackJson.RootElement;
        Assert.Equal(SampleName, ack.GetProperty("file").GetString());
        Assert.Equal(sha256, ack.GetProperty("sha256").GetString());
        Assert.True(ack.GetProperty("complete").GetBoolean());
        var summary = ack.GetProperty("summary");
        Assert.Equal((3, 2, 0, 1), (summary.GetProperty("records").GetInt32(), summary.GetProperty("accepted").GetInt32(), summary.GetProperty("duplicates").GetInt32(), summary.GetProperty("rejected").GetInt32()));
        var row3 = ack.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("row").GetInt32() == 3);
        var rejectionId = row3.GetProperty("rejectionId").GetString()!;
        Assert.Equal("claimant.dateOfBirth", Assert.Single(row3.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString());

        // The operator's view of the refusal: one rejection, for row 3 of this file, naming the date of birth.
        var listed = await ImeBridgeCli.RunAsync("rejections", "list", "--data", data);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var line = Assert.Single(listed.StdoutLines);
        Assert.True(Regex.IsMatch(line, $@"^{rejectionId}  \S+  sftp  {ConfigFiles.AcmeId}  {sha256}:3  1 error$"), line);
        var shown = await ImeBridgeCli.RunAsync("rejections", "show", rejectionId, "--data", data);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Equal(line, shown.StdoutLines[0]);
        Assert.Equal(["claimant.dateOfBirth: must be in the past"], shown.StdoutLines[1..]);

        // Logs name the partner and the file's hash, never the file name (the partner chose it) nor a claimant.
        var output = serve.Stdout + serve.Stderr;
        Assert.Contains(sha256[..12], output, StringComparison.Ordinal);
        foreach (var phi in new[] { "Delgado", "Albright", "Whitaker", "1975-03-14", "2031-01-01", "555-0142", "demo-referrals-20261127" })
        {
            Assert.DoesNotContain(phi, output, StringComparison.OrdinalIgnoreCase);
        }
    }

    internal static string Diagnostics(SftpPartnerSetup partner, ServeProcess serve) => string.Join(
        '\n',
        "the file was not archived with both acks in time",
        SftpPartnerSetup.Describe(partner.Inbound),
        SftpPartnerSetup.Describe(partner.Processing),
        SftpPartnerSetup.Describe(partner.Archive),
        SftpPartnerSetup.Describe(partner.Ack),
        SftpPartnerSetup.Describe(partner.Error),
        "--- serve stdout",
        serve.Stdout,
        "--- serve stderr",
        serve.Stderr);
}
