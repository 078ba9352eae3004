using System.Globalization;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting;
using ImeBridge.Testing.Servers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Sftp.Tests.Support;

/// <summary>
/// ImeBridge as <c>imebridge serve</c> composes it (AddImeBridge().UseEmbedded + AddImeBridgeSftp), over a real
/// SQLite file and document folder, with partner <c>acme</c> dropping files into its own folder of the test sshd,
/// a fake clock and every log captured. Give the same <see cref="Folders"/> to a second bed to "restart" on the same state.
/// </summary>
internal sealed class SftpTestBed : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private readonly IHost host;
    private readonly bool ownsFolders;

    private SftpTestBed(IHost host, BedFolders folders, bool ownsFolders, FakeTimeProvider clock, FakeLogCollector logs)
    {
        this.host = host;
        this.ownsFolders = ownsFolders;
        Folders = folders;
        Clock = clock;
        Logs = logs;
    }

    public BedFolders Folders { get; }

    public FakeTimeProvider Clock { get; }

    public FakeLogCollector Logs { get; }

    public IServiceProvider Services => host.Services;

    public SftpBatchPoller Poller => Services.GetRequiredService<SftpBatchPoller>();

    public IReferralStore Referrals => Services.GetRequiredService<IReferralStore>();

    public string Inbound => Folders.Remote("inbound");

    public string Processing => Folders.Remote("inbound", "processing");

    public string Archive => Folders.Remote("inbound", "archive");

    public string Error => Folders.Remote("inbound", "error");

    public string Ack => Folders.Remote("inbound", "ack");

    /// <param name="folders">Shared folders (the caller disposes them); fresh ones owned by the bed otherwise.</param>
    /// <param name="sftp">Extra <c>partners:0:sftp:*</c> keys (they win over the defaults: stableFor 0, the server's key).</param>
    /// <param name="services">Changes to the services before the host is built (decorators, say).</param>
    /// <param name="configuration">More configuration keys (another partner, say).</param>
    public static async Task<SftpTestBed> StartAsync(
        SshdServer server,
        BedFolders? folders = null,
        IDictionary<string, string?>? sftp = null,
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? configuration = null)
    {
        var ownsFolders = folders is null;
        folders ??= BedFolders.Create(server);
        var clock = new FakeTimeProvider(Start);
        var logs = new FakeLogCollector();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(Configuration(server, folders, sftp));
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddImeBridge().UseEmbedded(folders.Data, runQueuePump: false);
        builder.AddImeBridgeSftp(o => o.WorkFolder = Path.Combine(folders.Data, "work"), runPollingService: false);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new SftpTestBed(host, folders, ownsFolders, clock, logs);
    }

    public static Dictionary<string, string?> Configuration(SshdServer server, BedFolders folders, IDictionary<string, string?>? sftp = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["partners:0:id"] = TestPartner.Id,
            ["partners:0:kind"] = "insurer",
            ["partners:0:name"] = "Acme Mutual",
            ["partners:0:webhookSecret"] = TestPartner.WebhookSecret,
            ["partners:0:apiToken"] = TestPartner.ApiToken,
            ["partners:0:sftp:host"] = server.Host,
            ["partners:0:sftp:port"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["partners:0:sftp:username"] = server.UserName,
            ["partners:0:sftp:privateKeyFile"] = server.ClientPrivateKeyFile,
            ["partners:0:sftp:hostKeySha256"] = server.HostKeySha256,
            ["partners:0:sftp:inboundFolder"] = folders.Remote("inbound"),
            ["partners:0:sftp:stableFor"] = "00:00:00",
        };
        foreach (var (key, value) in sftp ?? new Dictionary<string, string?>())
        {
            config["partners:0:sftp:" + key] = value;
        }

        return config;
    }

    /// <summary>Puts a file into the partner's inbound folder, as the partner would.</summary>
    public string Drop(string name, byte[] content)
    {
        var path = Path.Combine(Inbound, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static string[] Names(string folder) =>
        Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!] : [];

    /// <summary>Rows of the referrals table, read straight from the database file.</summary>
    public long CountStoredReferrals()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Folders.Data, ImeBridgeBuilder.DatabaseFileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM referrals";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>When the lease <paramref name="name"/> expires, read straight from the database file; null when nobody holds it.</summary>
    public DateTimeOffset? LeaseExpiry(string name)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Folders.Data, ImeBridgeBuilder.DatabaseFileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT expires_at FROM leases WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>Every message logged so far, with its structured values, for PHI scans.</summary>
    public string AllLogText() => string.Join('\n', Logs.GetSnapshot().Select(r =>
        $"{r.Level} {r.Id} {r.Message} {string.Join(",", r.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])} {r.Exception}"));

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        if (ownsFolders)
        {
            Folders.Dispose();
        }
    }
}

/// <summary>The bed's local data folder (database, documents) and the partner's folder on the test sshd.</summary>
internal sealed class BedFolders : IDisposable
{
    private readonly TempDirectory data = new();

    private BedFolders(string partnerRoot)
    {
        PartnerRoot = partnerRoot;
    }

    public string Data => data.Path;

    /// <summary>The partner's root on the server; remote paths are local paths (the test sshd does not chroot).</summary>
    public string PartnerRoot { get; }

    public static BedFolders Create(SshdServer server)
    {
        var root = Path.Combine(server.DataFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "inbound"));
        return new BedFolders(root);
    }

    public string Remote(params string[] parts) => Path.Combine([PartnerRoot, .. parts]);

    public void Dispose() => data.Dispose();
}
