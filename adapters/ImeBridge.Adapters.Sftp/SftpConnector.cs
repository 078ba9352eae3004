using Microsoft.Extensions.Logging;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace ImeBridge.Adapters.Sftp;

/// <summary>
/// Opens an SFTP session to a partner's server, trusting only the pinned host key. A different key refuses the
/// connection before authentication (no credential is sent), logs <see cref="SftpLogEvents.HostKeyMismatch"/> at
/// Critical and throws <see cref="SftpHostKeyMismatchException"/>.
/// </summary>
internal sealed class SftpConnector(ILogger logger)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromMinutes(2);

    public async Task<SftpClient> ConnectAsync(string partnerId, SftpPartnerOptions options, CancellationToken cancellationToken)
    {
        var pinned = options.HostKeySha256 ?? throw new InvalidOperationException($"partner '{partnerId}': sftp.hostKeySha256 is not set.");
        var host = options.Host ?? throw new InvalidOperationException($"partner '{partnerId}': sftp.host is not set.");
        var username = options.Username ?? throw new InvalidOperationException($"partner '{partnerId}': sftp.username is not set.");
        using var keyFile = options.PrivateKeyFile is null ? null : OpenKey(options);
        // Needed only to authenticate: disposed once connected (the client does not own them).
        using AuthenticationMethod authentication = keyFile is null
            ? new PasswordAuthenticationMethod(username, options.Password)
            : new PrivateKeyAuthenticationMethod(username, keyFile);
        var info = new ConnectionInfo(host, options.Port, username, authentication) { Timeout = ConnectTimeout };

        var client = new SftpClient(info) { OperationTimeout = OperationTimeout };
        string? refused = null;
        client.HostKeyReceived += (_, e) =>
        {
            e.CanTrust = HostKeyFingerprint.Matches(pinned, e.FingerPrintSHA256);
            if (!e.CanTrust)
            {
                refused = HostKeyFingerprint.Display(e.FingerPrintSHA256);
            }
        };

        try
        {
            await client.ConnectAsync(cancellationToken);
            return client;
        }
        catch (SshConnectionException ex) when (refused is not null)
        {
            client.Dispose();
            var expected = HostKeyFingerprint.Display(pinned);
            logger.LogCritical(
                SftpLogEvents.HostKeyMismatch,
                "SFTP host key mismatch for partner {PartnerId}: expected {ExpectedFingerprint}, observed {ObservedFingerprint}. Connection refused; nothing read or moved.",
                partnerId,
                expected,
                refused);
            throw new SftpHostKeyMismatchException(partnerId, expected, refused, ex);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static PrivateKeyFile OpenKey(SftpPartnerOptions options) =>
        string.IsNullOrEmpty(options.PrivateKeyPassphrase)
            ? new PrivateKeyFile(options.PrivateKeyFile!)
            : new PrivateKeyFile(options.PrivateKeyFile!, options.PrivateKeyPassphrase);
}
