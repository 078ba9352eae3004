using System.Text;
using ImeBridge.Adapters.Sftp.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Sftp.Tests.Configuration;

public sealed class SftpConfigurationTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    private const string Password = "correct-horse-battery-staple";

    [Fact]
    public async Task Start_up_refuses_a_bad_sftp_section_naming_partner_and_key_and_never_the_secret()
    {
        var bad = new Dictionary<string, string?>
        {
            ["host"] = "",
            ["password"] = Password,
            ["hostKeySha256"] = "SHA256:not-a-fingerprint",
            ["pollInterval"] = "00:00:00",
        };
        using var folders = BedFolders.Create(sshd.Server);
        bad["errorFolder"] = folders.Remote("inbound") + "/";

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => SftpTestBed.StartAsync(sshd.Server, folders, sftp: bad));

        Assert.Contains("partner 'acme': sftp.host is required.", refused.Failures);
        Assert.Contains("partner 'acme': exactly one of sftp.privateKeyFile and sftp.password is required.", refused.Failures);
        Assert.Contains(refused.Failures, f => f.StartsWith("partner 'acme': sftp.hostKeySha256 is not a SHA-256 fingerprint", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("partner 'acme': sftp.errorFolder must differ from sftp.inboundFolder", StringComparison.Ordinal));
        Assert.Contains("partner 'acme': sftp.pollInterval must be at least 1 second.", refused.Failures);
        Assert.DoesNotContain(Password, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_documented_json_shape_binds_every_key()
    {
        using var key = new TempDirectory();
        File.WriteAllText(key.File("acme"), "not read at start-up");
        var json = $$"""
            {
              "partners": [
                { "id": "webhook-only", "kind": "attorney", "webhookSecret": "whsec_x", "apiToken": "t1" },
                {
                  "id": "acme", "kind": "insurer", "name": "Acme", "webhookSecret": "whsec_x", "apiToken": "t2",
                  "sftp": {
                    "host": "sftp.acme.example", "port": 2222, "username": "imebridge",
                    "privateKeyFile": "{{key.File("acme")}}",
                    "hostKeySha256": "{{TestPartner.ForeignHostKey}}",
                    "inboundFolder": "/outbound/referrals/",
                    "filePatterns": [ "ref_*.csv" ],
                    "pollInterval": "00:02:00", "doneMarker": true, "stableFor": "00:00:30",
                    "ackFolder": "/acks", "archiveFolder": "/done"
                  },
                  "csv": { "columns": { "claimant.lastName": "Surname" }, "dateFormats": [ "MM/dd/yyyy" ] }
                }
              ]
            }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        using var services = new ServiceCollection().AddLogging().AddImeBridgeSftp(configuration, runPollingService: false).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<SftpOptions>>().Value;

        var acme = Assert.Single(options.SftpPartners);
        Assert.Equal("acme", acme.Id);
        var sftp = acme.Sftp!;
        Assert.Equal(("sftp.acme.example", 2222, "imebridge"), (sftp.Host, sftp.Port, sftp.Username));
        Assert.Equal(["ref_*.csv"], sftp.FilePatterns);
        Assert.Equal((TimeSpan.FromMinutes(2), true, TimeSpan.FromSeconds(30)), (sftp.PollInterval, sftp.DoneMarker, sftp.StableFor));
        Assert.Equal(
            new SftpFolders("/outbound/referrals", "/outbound/referrals/processing", "/done", "/outbound/referrals/error", "/acks"),
            SftpFolders.From(sftp));
        Assert.Equal("Surname", acme.Csv!.Columns["claimant.lastName"]);
        Assert.Equal(["MM/dd/yyyy"], acme.Csv.DateFormats);
        Assert.Empty(SftpOptionsValidator.Problems(options));
    }

    [Fact]
    public void Without_filePatterns_csv_jsonl_and_ndjson_files_are_taken()
    {
        var options = new SftpPartnerOptions();

        Assert.Equal(["*.csv", "*.jsonl", "*.ndjson"], options.EffectiveFilePatterns);
        Assert.Equal((22, TimeSpan.FromMinutes(1)), (options.Port, options.PollInterval));
    }
}
