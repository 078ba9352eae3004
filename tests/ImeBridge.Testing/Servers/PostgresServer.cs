using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace ImeBridge.Testing.Servers;

/// <summary>
/// A real PostgreSQL cluster for a test run: <c>initdb</c> into a private temporary folder, trust authentication on
/// 127.0.0.1 only, a free port, the unix socket inside the private folder, <c>fsync</c> left on so durability is the
/// real thing. Stopped (<c>pg_ctl stop -m fast</c>) and deleted on dispose. initdb and pg_ctl refuse to run as root,
/// so under root they run as the <c>postgres</c> user, who is given the folder.
/// Tests usually share one cluster (<see cref="SharedAsync"/>) and take a fresh empty database each
/// (<see cref="CreateDatabaseAsync"/>), which costs milliseconds where initdb costs seconds.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ServiceUser = "postgres";
    public const string Superuser = "postgres";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int databaseCounter;

    private readonly string root;
    private readonly string binFolder;
    private int disposed;

    private PostgresServer(string root, string binFolder, int port)
    {
        this.root = root;
        this.binFolder = binFolder;
        Port = port;
        AdminConnectionString = ConnectionStringFor("postgres");
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    /// <summary>The folder holding the unix socket (connect with <c>Host=&lt;this folder&gt;</c>).</summary>
    public string SocketFolder => Path.Combine(root, "run");

    /// <summary>The superuser on the maintenance database <c>postgres</c>.</summary>
    public string AdminConnectionString { get; }

    private string DataFolder => Path.Combine(root, "data");

    /// <summary>One cluster for the whole test process, started on first use and stopped when the process exits.</summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>A fresh empty database on the shared cluster; returns its connection string.</summary>
    public static async Task<string> CreateSharedDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var server = await SharedAsync();
        return await server.CreateDatabaseAsync(cancellationToken);
    }

    /// <summary>The folder of the PostgreSQL programs (the highest installed Debian version), or null when none is.</summary>
    public static string? FindBinFolder()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(debianRoot)
            .Select(folder => (Folder: folder, Version: int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(candidate => candidate.Version > 0 && File.Exists(Path.Combine(candidate.Folder, "bin", "initdb")))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => Path.Combine(candidate.Folder, "bin"))
            .FirstOrDefault();
    }

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinFolder() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb). ./test.sh installs it "
            + "(tests/services/install-packages.sh: apt-get install -y postgresql).");
        if (IsRoot && !UserExists(ServiceUser))
        {
            throw new InvalidOperationException(
                $"Running as root, PostgreSQL must run as the '{ServiceUser}' user, which does not exist. Install the Debian postgresql package.");
        }

        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var root = Path.Combine(Path.GetTempPath(), "imebridge-postgres", Guid.NewGuid().ToString("N")[..12]);
            try
            {
                return await StartInAsync(root, bin, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or SocketException)
            {
                // Most likely the free port was taken between finding it and PostgreSQL binding it.
                last = ex;
                ServerProcess.TryDelete(root);
            }
        }

        throw new InvalidOperationException("PostgreSQL did not start after 3 attempts: " + last?.Message, last);
    }

    /// <summary>Creates a new empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"t{Environment.ProcessId}_{Interlocked.Increment(ref databaseCounter)}_{Guid.NewGuid().ToString("N")[..8]}");
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionStringFor(name);
    }

    /// <summary>A connection string for <paramref name="database"/> as the superuser over TCP on loopback.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = Superuser,
        Database = database,
        // Tests create many databases, each with its own pool: let idle connections go quickly.
        ConnectionIdleLifetime = 10,
        ConnectionPruningInterval = 5,
    }.ConnectionString;

    private static async Task<PostgresServer> StartInAsync(string root, string bin, CancellationToken cancellationToken)
    {
        var parent = Path.GetDirectoryName(root)!;
        Directory.CreateDirectory(parent);
        DeleteAbandonedClusters(parent);
        Directory.CreateDirectory(Path.Combine(root, "run"));
        if (IsRoot && !OperatingSystem.IsWindows())
        {
            // The postgres user must reach its folder through the shared parent.
            File.SetUnixFileMode(parent, (UnixFileMode)0x1ED /* 0755 */);
            await RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", root], asServiceUser: false, cancellationToken);
        }

        var server = new PostgresServer(root, bin, ServerProcess.FreePort());
        await server.RunToolAsync(
            "initdb",
            ["-D", server.DataFolder, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-instructions"],
            cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(server.DataFolder, "pg_hba.conf"), HbaConfig, cancellationToken);
        await File.AppendAllTextAsync(Path.Combine(server.DataFolder, "postgresql.conf"), server.ServerConfig(), cancellationToken);
        try
        {
            await server.RunToolAsync(
                "pg_ctl",
                ["start", "-w", "-t", "60", "-D", server.DataFolder, "-l", Path.Combine(root, "postgres.log")],
                cancellationToken);
            server.StartWatchdog();
            return server;
        }
        catch (InvalidOperationException ex)
        {
            await server.StopAsync();
            throw new InvalidOperationException(ex.Message + " | " + server.LogTail(), ex);
        }
    }

    /// <summary>Trust, but only over the private socket and loopback TCP.</summary>
    private const string HbaConfig =
        "local all all trust\n" +
        "host all all 127.0.0.1/32 trust\n";

    private string ServerConfig()
    {
        var config = new StringBuilder();
        config.AppendLine();
        config.AppendLine("# Private test cluster");
        config.AppendLine("listen_addresses = '127.0.0.1'");
        config.AppendLine(CultureInfo.InvariantCulture, $"port = {Port}");
        config.AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = '{SocketFolder}'");
        config.AppendLine("fsync = on");
        config.AppendLine("max_connections = 300");
        config.AppendLine("shared_buffers = 32MB");
        config.AppendLine("max_wal_size = 256MB");
        config.AppendLine("logging_collector = off");
        return config.ToString();
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(binFolder, tool), arguments, asServiceUser: IsRoot, cancellationToken);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServiceUser, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asServiceUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServiceUser)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(ServiceUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Path.GetFileName(program)} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} exited with code {process.ExitCode}: {(await error).Trim()} {(await output).Trim()}");
        }
    }

    private static Task<PostgresServer> StartSharedAsync() => Task.Run(async () =>
    {
        var server = await StartAsync();
        // The test host gives exit handlers little time: stop without a shutdown checkpoint, the folder goes anyway.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync(immediate: true).AsTask().GetAwaiter().GetResult();
        return server;
    });

    private static bool IsRoot => !OperatingSystem.IsWindows() && CurrentUid() == 0;

    private static long CurrentUid()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[2], CultureInfo.InvariantCulture);
    }

    private static bool UserExists(string user) =>
        File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));

    private string LogTail()
    {
        var log = Path.Combine(root, "postgres.log");
        return File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(5)) : "(no log)";
    }

    public ValueTask DisposeAsync() => DisposeAsync(immediate: false);

    private async ValueTask DisposeAsync(bool immediate)
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(immediate);
        ServerProcess.TryDelete(root);
    }

    /// <summary>
    /// Starts a detached watcher that stops the server and deletes its folder once this process is gone, however it
    /// ends: a test host is often killed before its exit handlers finish, and a killed one runs none.
    /// </summary>
    private void StartWatchdog()
    {
        var pgCtl = Path.Combine(binFolder, "pg_ctl");
        var stop = IsRoot ? $"runuser -u {ServiceUser} -- {pgCtl}" : pgCtl;
        var script = string.Create(
            CultureInfo.InvariantCulture,
            $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {stop} stop -m immediate -D '{DataFolder}' >/dev/null 2>&1; rm -rf '{root}'");
        var start = new ProcessStartInfo("setsid")
        {
            ArgumentList = { "-f", "sh", "-c", script },
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var watchdog = Process.Start(start);
    }

    private async Task StopAsync(bool immediate = false)
    {
        NpgsqlConnection.ClearAllPools();
        if (!File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            return;
        }

        try
        {
            await RunToolAsync("pg_ctl", ["stop", "-m", immediate ? "immediate" : "fast", "-w", "-t", "30", "-D", DataFolder], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped, or it would not stop: the folder is deleted either way.
        }
    }

    /// <summary>
    /// Removes the folders of earlier runs whose server is no longer running (a test host killed before its exit
    /// handler finished), so they do not pile up in the temporary folder.
    /// </summary>
    private static void DeleteAbandonedClusters(string parent)
    {
        foreach (var folder in Directory.GetDirectories(parent))
        {
            var pidFile = Path.Combine(folder, "data", "postmaster.pid");
            var age = TimeProvider.System.GetUtcNow().UtcDateTime - Directory.GetLastWriteTimeUtc(folder);
            if (age > TimeSpan.FromMinutes(2) && (!File.Exists(pidFile) || !IsRunning(pidFile)))
            {
                ServerProcess.TryDelete(folder);
            }
        }
    }

    private static bool IsRunning(string pidFile)
    {
        try
        {
            var firstLine = File.ReadLines(pidFile).FirstOrDefault();
            return int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Directory.Exists($"/proc/{pid}");
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }
}
