using ImeBridge.Adapters.Email.Imap;
using ImeBridge.Adapters.Email.Tests.Support;
using ImeBridge.Testing.Servers;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ImeBridge.Adapters.Email.Tests.Imap;

/// <summary>Against a real Dovecot: messages are kept and queued, then moved (never deleted) to the processed folder.</summary>
public sealed class ImapMailboxPollerTests
{
    [Fact]
    public async Task A_poll_takes_every_inbox_message_moves_it_to_the_processed_folder_and_the_next_poll_does_nothing()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        var referral = TestMessages.Plain(TestPartners.AcmeSender, TestMessages.PlainReferralLetter(TestMessages.DueDateUs()));
        var noReferral = TestMessages.Plain(TestPartners.AcmeSender, "Just checking in.");
        await AppendAsync(dovecot, referral, noReferral);
        await using var harness = await EmailHarness.StartAsync(Mailbox(dovecot));
        var poller = harness.Services.GetRequiredService<ImapMailboxPoller>();

        var first = await poller.PollAsync(CancellationToken.None);
        await harness.DrainAsync();
        var second = await poller.PollAsync(CancellationToken.None);

        Assert.Equal(new MailboxPollResult(2, 2, 0), first);
        Assert.Equal(new MailboxPollResult(0, 0, 0), second);
        Assert.Equal(1, harness.CountReferrals());
        Assert.Single(await harness.Store.ListRejectionsAsync(10, CancellationToken.None));
        var (inbox, processed) = await CountAsync(dovecot, "ImeBridge", "Processed");
        Assert.Equal(0, inbox);
        Assert.Equal(2, processed);
    }

    [Fact]
    public async Task A_message_kept_but_not_moved_before_a_crash_is_not_taken_in_twice()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        var referral = TestMessages.Plain(TestPartners.AcmeSender, TestMessages.PlainReferralLetter(TestMessages.DueDateUs()));
        await AppendAsync(dovecot, referral);
        await using var harness = await EmailHarness.StartAsync(Mailbox(dovecot, processedFolder: "Done"));

        // The crash: the message was kept and queued, the move never happened.
        await harness.ReceiveAsync(await FetchFirstAsync(dovecot));
        await harness.DrainAsync();
        var poll = await harness.Services.GetRequiredService<ImapMailboxPoller>().PollAsync(CancellationToken.None);
        await harness.DrainAsync();

        Assert.Equal(1, poll.Moved);
        Assert.Equal(1, harness.CountReferrals());
        Assert.Single(harness.Sender.Sent);
        Assert.Equal((0, 1), await CountAsync(dovecot, "Done"));
    }

    [Fact]
    public async Task A_wrong_password_fails_the_poll_and_leaves_the_mailbox_alone()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await AppendAsync(dovecot, TestMessages.Plain(TestPartners.AcmeSender, "hello"));
        var settings = Mailbox(dovecot);
        settings["mailbox:password"] = "not-the-password";
        await using var harness = await EmailHarness.StartAsync(settings);

        await Assert.ThrowsAsync<AuthenticationException>(() => harness.Services.GetRequiredService<ImapMailboxPoller>().PollAsync(CancellationToken.None));

        Assert.Equal(1, (await CountAsync(dovecot)).Inbox);
    }

    [Fact]
    public async Task The_background_service_polls_on_its_own()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await AppendAsync(dovecot, TestMessages.Plain(TestPartners.AcmeSender, TestMessages.PlainReferralLetter(TestMessages.DueDateUs())));

        await using var harness = await EmailHarness.StartAsync(Mailbox(dovecot), pollMailboxInBackground: true);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await CountAsync(dovecot)).Inbox > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await harness.DrainAsync();
        Assert.Equal(0, (await CountAsync(dovecot)).Inbox);
        Assert.Equal(1, harness.CountReferrals());
    }

    private static Dictionary<string, string?> Mailbox(DovecotServer dovecot, string? processedFolder = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["mailbox:host"] = dovecot.Host,
            ["mailbox:port"] = dovecot.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["mailbox:username"] = dovecot.Username,
            ["mailbox:password"] = dovecot.Password,
            ["mailbox:useTls"] = "false",
        };
        if (processedFolder is not null)
        {
            settings["mailbox:processedFolder"] = processedFolder;
        }

        return settings;
    }

    private static async Task<ImapClient> ConnectAsync(DovecotServer dovecot)
    {
        var client = new ImapClient();
        await client.ConnectAsync(dovecot.Host, dovecot.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(dovecot.Username, dovecot.Password);
        return client;
    }

    private static async Task AppendAsync(DovecotServer dovecot, params byte[][] messages)
    {
        using var client = await ConnectAsync(dovecot);
        foreach (var raw in messages)
        {
            await client.Inbox.AppendAsync(MimeMessage.Load(new MemoryStream(raw)));
        }

        await client.DisconnectAsync(true);
    }

    private static async Task<byte[]> FetchFirstAsync(DovecotServer dovecot)
    {
        using var client = await ConnectAsync(dovecot);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var uid = (await client.Inbox.SearchAsync(SearchQuery.All))[0];
        await using var stream = await client.Inbox.GetStreamAsync(uid);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        await client.DisconnectAsync(true);
        return buffer.ToArray();
    }

    /// <summary>Messages left in INBOX, and in the processed folder found by walking <paramref name="processedPath"/> (0 when it does not exist).</summary>
    private static async Task<(int Inbox, int Processed)> CountAsync(DovecotServer dovecot, params string[] processedPath)
    {
        using var client = await ConnectAsync(dovecot);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var inbox = client.Inbox.Count;
        var processed = 0;
        if (processedPath.Length > 0)
        {
            var folder = client.GetFolder(client.PersonalNamespaces[0]);
            foreach (var name in processedPath)
            {
                folder = await folder.GetSubfolderAsync(name);
            }

            await folder.OpenAsync(FolderAccess.ReadOnly);
            processed = folder.Count;
        }

        await client.DisconnectAsync(true);
        return (inbox, processed);
    }
}
