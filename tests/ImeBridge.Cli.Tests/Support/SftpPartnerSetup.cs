using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ImeBridge.Testing.Servers;

namespace ImeBridge.Cli.Tests.Support;

/// <summary>
/// Partner <c>acme-insurance</c> dropping files into its own folder of a test sshd, and the <c>--config</c> file
/// (in the documented shape: webhook, API token, sftp, email and inboundEmail) that points <c>imebridge serve</c> at it.
/// The test sshd does not chroot, so a remote path is the local path under <see cref="SshdServer.DataFolder"/>.
/// </summary>
internal sealed class SftpPartnerSetup
{
    public const string InboundEmailSecret = "a-secret-of-at-least-24-characters";

    private SftpPartnerSetup(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string Inbound => Path.Combine(Root, "inbound");

    public string Processing => Path.Combine(Inbound, "processing");

    public string Archive => Path.Combine(Inbound, "archive");

    public string Error => Path.Combine(Inbound, "error");

    public string Ack => Path.Combine(Inbound, "ack");

    public static SftpPartnerSetup Create(SshdServer server)
    {
        var root = Path.Combine(server.DataFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "inbound"));
        return new SftpPartnerSetup(root);
    }

    /// <summary>Writes the configuration file into <paramref name="folder"/> and returns its path.</summary>
    public async Task<string> WriteConfigAsync(SshdServer server, TempDirectory folder)
    {
        var config = new JsonObject
        {
            ["partners"] = new JsonArray(new JsonObject
            {
                ["id"] = ConfigFiles.AcmeId,
                ["kind"] = "insurer",
                ["name"] = "Acme",
                ["webhookSecret"] = ConfigFiles.AcmeSecret,
                ["apiToken"] = ConfigFiles.AcmeToken,
                ["sftp"] = new JsonObject
                {
                    ["host"] = server.Host,
                    ["port"] = server.Port,
                    ["username"] = server.UserName,
                    ["privateKeyFile"] = server.ClientPrivateKeyFile,
                    ["hostKeySha256"] = server.HostKeySha256,
                    ["inboundFolder"] = Inbound,
                    ["pollInterval"] = "00:00:01",
                    ["stableFor"] = "00:00:00",
                },
                ["email"] = new JsonObject
                {
                    ["senders"] = new JsonArray("claims@acme.example"),
                    ["domains"] = new JsonArray("acme.example"),
                },
            }),
            ["inboundEmail"] = new JsonObject { ["secret"] = InboundEmailSecret },
        };
        return await ConfigFiles.WriteAsync(folder, "imebridge.json", config.ToJsonString());
    }

    /// <summary>
    /// Puts a file into the inbound folder as one rename, so the poller (stableFor 0) never sees it half written.
    /// Returns the file's SHA-256 (lower-case hex).
    /// </summary>
    public string Drop(string name, byte[] content)
    {
        var staging = Path.Combine(Root, "." + name + ".uploading");
        File.WriteAllBytes(staging, content);
        File.Move(staging, Path.Combine(Inbound, name));
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }

    public static string[] Names(string folder) =>
        Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!] : [];

    public static string Describe(string folder) =>
        string.Create(CultureInfo.InvariantCulture, $"{folder}: [{string.Join(", ", Names(folder))}]");
}
