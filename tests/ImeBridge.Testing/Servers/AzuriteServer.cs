using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImeBridge.Testing.Servers;

/// <summary>
/// The real Azure Storage emulator (Azurite, Blob service only) for a test run, on 127.0.0.1 and a free high port,
/// keeping everything in memory so nothing outlives it. It comes from <c>tests/services/node_modules</c>
/// (<c>tests/services/install-packages.sh</c> installs it from the pinned <c>package.json</c>), so tests talk to the
/// same emulator version on every machine. Stopped on dispose.
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    /// <summary>The emulator's well-known development account; a published constant, not a secret.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known key of <see cref="AccountName"/>, published in Azurite's documentation.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int StartAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly TempDirectory folder;
    private readonly Process process;
    private readonly StringBuilder serverLog;

    private AzuriteServer(TempDirectory folder, Process process, StringBuilder serverLog, int port)
    {
        this.folder = folder;
        this.process = process;
        this.serverLog = serverLog;
        Port = port;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    /// <summary>The Blob service endpoint of the development account (path-style, as Azurite serves it).</summary>
    public Uri BlobEndpoint => new($"http://{Host}:{Port}/{AccountName}");

    /// <summary>
    /// A connection string with the endpoint spelled out (not <c>UseDevelopmentStorage=true</c>, which means the
    /// default port 10000 and would reach whatever emulator happens to be running there).
    /// </summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    /// <summary>What Azurite wrote so far, for a failing test's message.</summary>
    public string ServerLog
    {
        get
        {
            lock (serverLog)
            {
                return serverLog.ToString();
            }
        }
    }

    /// <summary>The <c>azurite-blob</c> launcher installed by <c>tests/services/install-packages.sh</c>.</summary>
    public static string ExecutablePath => RepositoryFolders.File("tests", "services", "node_modules", ".bin", "azurite-blob");

    public static AzuriteServer Start()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: the Blob tests need the Azure Storage emulator. ./test.sh installs it "
                + "(or run: tests/services/install-packages.sh, which runs npm ci in tests/services; Node.js and npm are needed).");
        }

        var folder = new TempDirectory();
        try
        {
            return StartOnFreePort(folder);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    private static AzuriteServer StartOnFreePort(TempDirectory folder)
    {
        var lastLog = "";
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            // Another process can take the port between this probe and Azurite's bind (it then exits with
            // EADDRINUSE): try another port.
            var port = ServerProcess.FreePort();
            var log = new StringBuilder();
            var process = StartAzurite(folder.Path, port, log);
            if (WaitListening(process, port, log))
            {
                return new AzuriteServer(folder, process, log, port);
            }

            ServerProcess.Stop(process);
            lock (log)
            {
                lastLog = log.ToString();
            }

            if (!lastLog.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                break;
            }
        }

        throw new InvalidOperationException($"Azurite ({ExecutablePath}) did not start. Its last output:\n{lastLog}");
    }

    /// <summary>In memory, so nothing is written; the private working folder only keeps stray files out of the repository.</summary>
    private static Process StartAzurite(string workspace, int port, StringBuilder log) =>
        ServerProcess.Start(
            ExecutablePath,
            [
                "--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck",
                "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ],
            log,
            workspace);

    /// <summary>
    /// Ready when Azurite says it listens on our port and the port accepts a connection; its own line rules out
    /// another process that took the port first.
    /// </summary>
    private static bool WaitListening(Process process, int port, StringBuilder log) =>
        ServerProcess.WaitForAnnouncement(process, log, $"successfully listens on http://127.0.0.1:{port}", StartTimeout, () => ServerProcess.Accepts(port));

    public void Dispose()
    {
        ServerProcess.Stop(process);
        folder.Dispose();
    }
}
