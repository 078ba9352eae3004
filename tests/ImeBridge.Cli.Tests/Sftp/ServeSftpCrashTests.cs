using System.Globalization;
using System.Text;
using System.Text.Json;
using ImeBridge.Cli.Tests.Support;

namespace ImeBridge.Cli.Tests.Sftp;

/// <summary>
/// <c>imebridge serve</c> killed with SIGKILL while it is taking in a large SFTP batch: the file stays claimed in
/// <c>processing/</c>, and serve started again on the same data folder finishes it with every row stored exactly once.
/// </summary>
[Collection(ServeBatchCollection.Name)]
public sealed class ServeSftpCrashTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    private const int Rows = 20_000;
    private const string FileName = "acme-referrals-large.csv";
    // A wait, not a speed check: a busy 2-core machine can take a minute over 20,000 rows.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    /// <summary>In every external id, so each run's file has its own bytes and SHA-256.</summary>
    private readonly string runTag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task A_batch_interrupted_by_kill_9_is_finished_after_the_restart_with_no_row_lost_or_stored_twice()
    {
        using var work = new TempDirectory();
        var data = Path.Combine(work.Path, "data");
        var partner = SftpPartnerSetup.Create(sshd.Server);
        var config = await partner.WriteConfigAsync(sshd.Server, work);
        var storedAtKill = await KillMidFileAsync(data, partner, config);

        // The killed serve still holds the lease on the partner's folder (sftp:acme-insurance); the restarted one sees
        // that its holder process is gone and takes it over at once rather than waiting for it to expire.
        await using var second = await ServeProcess.StartAsync(data, "--config", config);
        var archived = await Poll.UntilAsync(() => SftpPartnerSetup.Names(partner.Archive).Contains(FileName), Bound);
        Assert.True(archived, ServeSftpIntakeTests.Diagnostics(partner, second));
        Assert.DoesNotContain("another instance is polling it", second.Stdout, StringComparison.Ordinal);

        Assert.Equal(Rows, DataFolderDatabase.CountReferrals(data));
        Assert.Equal(Rows, DataFolderDatabase.CountDistinctExternalIds(data));
        Assert.Empty(SftpPartnerSetup.Names(partner.Processing));

        var ackCsv = (await File.ReadAllTextAsync(Path.Combine(partner.Ack, FileName + ".ack.csv"))).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(Rows + 1, ackCsv.Length);
        var stored = DataFolderDatabase.ReferralIdsByExternalId(data, ConfigFiles.AcmeId);
        for (var row = 1; row <= Rows; row++)
        {
            var cells = ackCsv[row].Split(',');
            Assert.Equal(row.ToString(CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal(ExternalId(row), cells[1]);
            Assert.True(cells[2] is "accepted" or "duplicate", ackCsv[row]);
            Assert.Equal(stored[ExternalId(row)], cells[3]);
        }

        using var ackJson = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(partner.Ack, FileName + ".ack.json")));
        Assert.True(ackJson.RootElement.GetProperty("complete").GetBoolean());
        var summary = ackJson.RootElement.GetProperty("summary");
        Assert.Equal(Rows, summary.GetProperty("records").GetInt32());
        Assert.Equal(0, summary.GetProperty("rejected").GetInt32());
        // The rows stored before the kill come back as duplicates; the rest are stored now.
        Assert.Equal(storedAtKill, summary.GetProperty("duplicates").GetInt32());
        Assert.Equal(Rows - storedAtKill, summary.GetProperty("accepted").GetInt32());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task After_kill_9_and_a_restart_no_copy_of_the_partners_file_is_left_in_the_local_work_folder()
    {
        using var work = new TempDirectory();
        var data = Path.Combine(work.Path, "data");
        var partner = SftpPartnerSetup.Create(sshd.Server);
        var config = await partner.WriteConfigAsync(sshd.Server, work);
        await KillMidFileAsync(data, partner, config);
        var workFolder = Path.Combine(data, "work", "sftp");
        Assert.NotEmpty(Directory.EnumerateFiles(workFolder));
        // The killed process's copy holds claimant data: only this user may read it.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, UnixModeOf(workFolder));
        Assert.All(Directory.EnumerateFiles(workFolder), file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, UnixModeOf(file)));

        await using var second = await ServeProcess.StartAsync(data, "--config", config);
        Assert.True(await Poll.UntilAsync(() => SftpPartnerSetup.Names(partner.Archive).Contains(FileName), Bound), ServeSftpIntakeTests.Diagnostics(partner, second));

        // The restarted serve deletes its own work files just after archiving, and the killed one's at start.
        Assert.True(
            await Poll.UntilAsync(() => !Directory.EnumerateFiles(workFolder).Any(), TimeSpan.FromSeconds(10)),
            string.Join(", ", Directory.EnumerateFiles(workFolder).Select(Path.GetFileName)));
    }

    /// <summary>
    /// Starts serve, drops the large file, kills serve with SIGKILL as soon as the database holds some of its rows but
    /// not all, checks the file is still claimed in processing/, and returns how many rows were stored by then.
    /// </summary>
    private async Task<long> KillMidFileAsync(string data, SftpPartnerSetup partner, string config)
    {
        await using (var first = await ServeProcess.StartAsync(data, "--config", config))
        {
            partner.Drop(FileName, LargeBatch(Rows));
            long seen = 0;
            var started = await Poll.UntilAsync(() => (seen = DataFolderDatabase.CountReferrals(data)) > 0, Bound, TimeSpan.FromMilliseconds(50));
            Assert.True(started, ServeSftpIntakeTests.Diagnostics(partner, first));
            Assert.True(seen < Rows, $"the whole file was taken in before serve could be killed ({seen} rows): make it larger");

            await first.KillHardAsync();
        }

        var storedAtKill = DataFolderDatabase.CountReferrals(data);
        Assert.InRange(storedAtKill, 1, Rows - 1);
        Assert.Equal([FileName], SftpPartnerSetup.Names(partner.Processing));
        Assert.Empty(SftpPartnerSetup.Names(partner.Archive));
        Assert.Empty(SftpPartnerSetup.Names(partner.Inbound));
        Assert.Empty(SftpPartnerSetup.Names(partner.Ack));
        return storedAtKill;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static UnixFileMode UnixModeOf(string path) => File.GetUnixFileMode(path);

    private string ExternalId(int row) => string.Create(CultureInfo.InvariantCulture, $"ACME-{runTag}-{row:D6}");

    /// <summary>The shape of samples/sftp/demo-referrals-20261127.csv, one valid referral per row, each with its own external id.</summary>
    private byte[] LargeBatch(int rows)
    {
        var csv = new StringBuilder(rows * 330);
        csv.Append("source.externalId,claimant.firstName,claimant.lastName,claimant.dateOfBirth,claimant.phone,claimant.address.line1,claimant.address.city,claimant.address.state,claimant.address.postalCode,claim.claimNumber,claim.lineOfBusiness,claim.jurisdiction,claim.dateOfInjury,request.examType,request.specialty,request.questions\r\n");
        for (var row = 1; row <= rows; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{ExternalId(row)},Maria,Delgado-Reyes,1975-03-14,(718) 555-0142,\"12 Court Street, Apt 4\",Brooklyn,NY,11201,WC-NY-2026-{row:D7},workersComp,NY,2026-04-02,ime,orthopaedic surgery,\"Is the lumbar condition causally related to the lifting incident?|Has the claimant reached maximum medical improvement?\"\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
