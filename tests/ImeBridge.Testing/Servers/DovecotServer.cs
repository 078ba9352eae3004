using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ImeBridge.Testing.Servers;

/// <summary>
/// A real Dovecot IMAP server for one test: plaintext IMAP on 127.0.0.1 and a free port (no TLS; imaps off), one
/// user from a passwd-file, a static userdb, maildirs under a private temporary folder, and private base_dir and
/// state_dir so it touches nothing of the machine's own Dovecot. Stopped and deleted on dispose.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/dovecot";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process process;
    private readonly string root;
    private readonly string configFile;

    private DovecotServer(Process process, string root, string configFile, int port, string username, string password)
    {
        this.process = process;
        this.root = root;
        this.configFile = configFile;
        Port = port;
        Username = username;
        Password = password;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public string Username { get; }

    public string Password { get; }

    public static async Task<DovecotServer> StartAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"Dovecot is not installed ({Executable} is missing). ./test.sh installs it (apt-get install -y dovecot-imapd).");
        }

        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var root = Path.Combine(Path.GetTempPath(), "imebridge-dovecot", Guid.NewGuid().ToString("N")[..12]);
            try
            {
                return await StartInAsync(root, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or SocketException)
            {
                // Most likely the free port was taken between finding it and Dovecot binding it.
                last = ex;
                ServerProcess.TryDelete(root);
            }
        }

        throw new InvalidOperationException("Dovecot did not start after 3 attempts: " + last?.Message, last);
    }

    private static async Task<DovecotServer> StartInAsync(string root, CancellationToken cancellationToken)
    {
        var username = "imebridge";
        var password = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var port = ServerProcess.FreePort();
        foreach (var folder in new[] { "run", "state", "mail", "home" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
        }

        var (uid, gid) = MailOwner();
        if (uid != CurrentId("Uid") && !OperatingSystem.IsWindows())
        {
            // The mail processes run as another user (root may not read mail); let them create their maildirs.
            File.SetUnixFileMode(Path.Combine(root, "mail"), (UnixFileMode)0x1FF);
            File.SetUnixFileMode(Path.Combine(root, "home"), (UnixFileMode)0x1FF);
        }

        var passwd = Path.Combine(root, "passwd");
        await File.WriteAllTextAsync(passwd, $"{username}:{{PLAIN}}{password}\n", cancellationToken);
        var configFile = Path.Combine(root, "dovecot.conf");
        await File.WriteAllTextAsync(configFile, Config(root, passwd, port, uid, gid), cancellationToken);

        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList = { "-F", "-c", configFile },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Dovecot did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new DovecotServer(process, root, configFile, port, username, password);
        try
        {
            await server.WaitForGreetingAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.StopAsync();
            throw;
        }
    }

    private static string Config(string root, string passwd, int port, long uid, long gid)
    {
        var asRoot = CurrentId("Uid") == 0;
        var user = Environment.UserName;
        var config = new StringBuilder();
        config.AppendLine(CultureInfo.InvariantCulture, $"base_dir = {root}/run");
        config.AppendLine(CultureInfo.InvariantCulture, $"state_dir = {root}/state");
        config.AppendLine(CultureInfo.InvariantCulture, $"log_path = {root}/dovecot.log");
        config.AppendLine("listen = 127.0.0.1");
        config.AppendLine("protocols = imap");
        config.AppendLine("ssl = no");
        config.AppendLine("disable_plaintext_auth = no");
        config.AppendLine("auth_mechanisms = plain login");
        // Dovecot slows failed logins down (2 s each); a test of a wrong password need not wait.
        config.AppendLine("auth_failure_delay = 0");
        config.AppendLine(CultureInfo.InvariantCulture, $"mail_location = maildir:{root}/mail/%u");
        if (!asRoot)
        {
            // Without root Dovecot cannot switch users or chroot: everything runs as the current user.
            config.AppendLine(CultureInfo.InvariantCulture, $"default_internal_user = {user}");
            config.AppendLine(CultureInfo.InvariantCulture, $"default_login_user = {user}");
            config.AppendLine("first_valid_uid = 1");
        }

        config.AppendLine(CultureInfo.InvariantCulture, $"passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {passwd}\n}}");
        config.AppendLine(CultureInfo.InvariantCulture, $"userdb {{\n  driver = static\n  args = uid={uid} gid={gid} home={root}/home/%u\n}}");
        config.AppendLine("service imap-login {");
        if (!asRoot)
        {
            config.AppendLine("  chroot =");
        }

        config.AppendLine(CultureInfo.InvariantCulture, $"  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}");
        config.AppendLine("  inet_listener imaps {\n    port = 0\n  }");
        config.AppendLine("}");
        return config.ToString();
    }

    /// <summary>Mail is owned by the current user, except under root, which Dovecot refuses: then by nobody.</summary>
    private static (long Uid, long Gid) MailOwner()
    {
        var uid = CurrentId("Uid");
        if (uid != 0)
        {
            return (uid, CurrentId("Gid"));
        }

        var nobody = File.ReadLines("/etc/passwd").Select(line => line.Split(':')).FirstOrDefault(fields => fields.Length > 3 && fields[0] == "nobody");
        return nobody is null
            ? (65534, 65534)
            : (long.Parse(nobody[2], CultureInfo.InvariantCulture), long.Parse(nobody[3], CultureInfo.InvariantCulture));
    }

    /// <summary>The effective uid or gid of this process, from /proc (no native interop needed).</summary>
    private static long CurrentId(string which)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(which + ":", StringComparison.Ordinal));
        var fields = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[2], CultureInfo.InvariantCulture);
    }

    private async Task WaitForGreetingAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Dovecot exited with code {process.ExitCode}: {LogTail()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                var greeting = await reader.ReadLineAsync(cancellationToken);
                if (greeting?.StartsWith("* OK", StringComparison.Ordinal) == true)
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new InvalidOperationException($"Dovecot did not answer on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s: {LogTail()}");
    }

    private string LogTail()
    {
        var log = Path.Combine(root, "dovecot.log");
        return File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(5)) : "(no log)";
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        ServerProcess.TryDelete(root);
    }

    private async Task StopAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                using var stop = Process.Start(new ProcessStartInfo(Executable) { ArgumentList = { "-c", configFile, "stop" }, UseShellExecute = false });
                if (stop is not null)
                {
                    await stop.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
                }

                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }
}
