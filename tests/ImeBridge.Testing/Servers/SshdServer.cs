using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImeBridge.Testing.Servers;

/// <summary>
/// A real OpenSSH server for a test run, on 127.0.0.1 and a free high port, that speaks SFTP only
/// (<c>internal-sftp</c>) and accepts one client key for the current user. Host key, client key, config and
/// the SFTP start folder live in a temp folder deleted on dispose. Paths are not chrooted: the remote path
/// of a file is its local path, so tests create and grow files under <see cref="DataFolder"/> directly.
/// </summary>
public sealed class SshdServer : IDisposable
{
    public const string SshdPath = "/usr/sbin/sshd";

    private const int StartAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly TempDirectory folder;
    private readonly Process process;
    private readonly StringBuilder serverLog;

    private SshdServer(TempDirectory folder, Process process, StringBuilder serverLog, int port, string hostKeySha256)
    {
        this.folder = folder;
        this.process = process;
        this.serverLog = serverLog;
        Port = port;
        HostKeySha256 = hostKeySha256;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    /// <summary>The host key's fingerprint as <c>ssh-keygen -lf</c> prints it: <c>SHA256:&lt;base64 without padding&gt;</c>.</summary>
    public string HostKeySha256 { get; }

    /// <summary>An OpenSSH-format ed25519 private key without passphrase that the server accepts for <see cref="UserName"/>.</summary>
    public string ClientPrivateKeyFile => folder.File("client_key");

    public string UserName { get; } = Environment.UserName;

    /// <summary>Where SFTP sessions start; the same folder locally and remotely.</summary>
    public string DataFolder => folder.File("data");

    /// <summary>What sshd wrote to stderr so far, for a failing test's message.</summary>
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

    public static SshdServer Start()
    {
        if (!File.Exists(SshdPath))
        {
            throw new InvalidOperationException(
                $"{SshdPath} is missing: the SFTP tests need OpenSSH's server. ./test.sh installs openssh-server "
                + "(or run: apt-get install -y --no-install-recommends openssh-server).");
        }

        Directory.CreateDirectory("/run/sshd");
        var folder = new TempDirectory();
        try
        {
            Directory.CreateDirectory(folder.File("data"));
            RunKeygen(folder.File("host_key"));
            RunKeygen(folder.File("client_key"));
            File.Copy(folder.File("client_key.pub"), folder.File("authorized_keys"));
            var fingerprint = Fingerprint(folder.File("host_key.pub"));
            return StartOnFreePort(folder, fingerprint);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    private static SshdServer StartOnFreePort(TempDirectory folder, string fingerprint)
    {
        var lastLog = "";
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            // Another process can take the port between this probe and sshd's bind: then try another port.
            var port = ServerProcess.FreePort();
            File.WriteAllText(folder.File("sshd_config"), Config(folder, port));
            var log = new StringBuilder();
            var process = StartSshd(folder.File("sshd_config"), log);
            if (WaitListening(process, port, log))
            {
                return new SshdServer(folder, process, log, port, fingerprint);
            }

            ServerProcess.Stop(process);
            lock (log)
            {
                lastLog = log.ToString();
            }
        }

        throw new InvalidOperationException($"sshd did not start after {StartAttempts} attempts. Its last output:\n{lastLog}");
    }

    private static string Config(TempDirectory folder, int port) => string.Join('\n',
        "ListenAddress 127.0.0.1",
        $"Port {port}",
        $"HostKey {folder.File("host_key")}",
        $"PidFile {folder.File("sshd.pid")}",
        $"AuthorizedKeysFile {folder.File("authorized_keys")}",
        "StrictModes no",
        "UsePAM no",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes",
        "PermitRootLogin prohibit-password",
        "Subsystem sftp internal-sftp",
        $"ForceCommand internal-sftp -d {folder.File("data")}",
        "");

    private static Process StartSshd(string config, StringBuilder log) =>
        ServerProcess.Start(SshdPath, ["-D", "-e", "-f", config], log);

    private static bool WaitListening(Process process, int port, StringBuilder log) =>
        ServerProcess.WaitForAnnouncement(process, log, $"listening on 127.0.0.1 port {port}", StartTimeout);

    private static void RunKeygen(string keyFile) =>
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "imebridge-test", "-f", keyFile);

    /// <summary><c>ssh-keygen -lf</c> prints <c>256 SHA256:… comment (ED25519)</c>.</summary>
    private static string Fingerprint(string publicKeyFile) =>
        Run("ssh-keygen", "-lf", publicKeyFile).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

    private static string Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} could not be started.");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} exited with {process.ExitCode}: {error}");
        }

        return output;
    }

    public void Dispose()
    {
        // The tree: each SFTP session is a child sshd that would otherwise outlive a client that never disconnected.
        ServerProcess.Stop(process);
        folder.Dispose();
    }
}
