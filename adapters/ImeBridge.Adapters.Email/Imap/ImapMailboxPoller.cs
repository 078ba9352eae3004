using ImeBridge.Adapters.Email.Configuration;
using ImeBridge.Adapters.Email.Intake;
using System.Net;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Email.Imap;

/// <summary>
/// Polls the configured IMAP mailbox (<c>mailbox</c>): for each message in INBOX, fetch its raw bytes, hand them to
/// <see cref="InboundEmailIntake"/> (kept and queued), then move the message to the processed folder (created when
/// missing). Nothing is deleted: MOVE, or COPY then expunge of that one message where the server lacks MOVE.
/// A crash between keeping and moving leaves the message in INBOX; the next poll keeps it again, which the queue
/// ignores (same <c>email:{sha256}</c>). <see cref="PollAsync"/> is what a Functions timer calls.
/// </summary>
public sealed class ImapMailboxPoller(IOptions<MailboxOptions> options, InboundEmailIntake intake, ILogger<ImapMailboxPoller> logger)
{
    public async Task<MailboxPollResult> PollAsync(CancellationToken cancellationToken)
    {
        var mailbox = options.Value;
        if (!mailbox.IsConfigured)
        {
            throw new InvalidOperationException("mailbox.host is not configured: there is no mailbox to poll");
        }

        using var client = new ImapClient();
        await client.ConnectAsync(mailbox.Host!, mailbox.EffectivePort, SocketOptions(mailbox), cancellationToken);
        await LogInAsync(client, mailbox, cancellationToken);
        var processed = await EnsureFolderAsync(client, mailbox.ProcessedFolder, cancellationToken);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var waiting = await inbox.SearchAsync(SearchQuery.NotDeleted, cancellationToken);
        var received = 0;
        var moved = 0;
        foreach (var uid in waiting.Take(mailbox.MaxMessagesPerPoll))
        {
            byte[] raw;
            await using (var stream = await inbox.GetStreamAsync(uid, cancellationToken))
            using (var buffer = new MemoryStream())
            {
                await stream.CopyToAsync(buffer, cancellationToken);
                raw = buffer.ToArray();
            }

            var receipt = await intake.ReceiveAsync(raw, InboundAuthentication.NotChecked, EmailChannels.Imap, cancellationToken);
            received++;
            await inbox.MoveToAsync(uid, processed, cancellationToken);
            moved++;
            logger.LogDebug("Mailbox message {Uid} kept as {EmailId} and moved", uid.Id, receipt.EmailId);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        var result = new MailboxPollResult(received, moved, Math.Max(0, waiting.Count - received));
        if (waiting.Count > 0)
        {
            logger.LogInformation(
                "Mailbox poll: {Received} messages received, {Moved} moved to the processed folder, {Remaining} left for the next poll",
                result.Received,
                result.Moved,
                result.Remaining);
        }

        return result;
    }

    /// <summary>
    /// One attempt per poll. MailKit on its own tries every mechanism the server offers and then the LOGIN command, so a
    /// wrong password would count several failures against the account each minute (lockout policies) and be slowed
    /// down by the server's growing penalty.
    /// </summary>
    private static async Task LogInAsync(ImapClient client, MailboxOptions mailbox, CancellationToken cancellationToken)
    {
        var credentials = new NetworkCredential(mailbox.Username, mailbox.Password);
        SaslMechanism? mechanism = client.AuthenticationMechanisms.Contains("PLAIN") ? new SaslMechanismPlain(credentials)
            : client.AuthenticationMechanisms.Contains("LOGIN") ? new SaslMechanismLogin(credentials)
            : null;
        if (mechanism is null)
        {
            await client.AuthenticateAsync(credentials, cancellationToken);
        }
        else
        {
            await client.AuthenticateAsync(mechanism, cancellationToken);
        }
    }

    private static SecureSocketOptions SocketOptions(MailboxOptions mailbox) =>
        !mailbox.UseTls ? SecureSocketOptions.None
        : mailbox.EffectivePort == 993 ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;

    /// <summary>Walks (and creates) the folder path name by name under the personal namespace, whatever separator the server uses.</summary>
    private static async Task<IMailFolder> EnsureFolderAsync(ImapClient client, string path, CancellationToken cancellationToken)
    {
        var folder = (client.PersonalNamespaces.Count > 0 ? client.GetFolder(client.PersonalNamespaces[0]) : client.GetFolder("", cancellationToken))
            ?? throw new InvalidOperationException("the IMAP server has no personal namespace to create the processed folder in");
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var children = await folder.GetSubfoldersAsync(subscribedOnly: false, cancellationToken);
            folder = children.FirstOrDefault(child => child.Name.Equals(name, StringComparison.Ordinal))
                ?? await folder.CreateAsync(name, isMessageFolder: true, cancellationToken)
                ?? throw new InvalidOperationException("the IMAP server did not create the processed folder");
        }

        return folder;
    }
}
