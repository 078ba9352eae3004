using System.Globalization;
using System.Text;
using ImeBridge.Core.Ports;
using ImeBridge.Functions.Tests.Support;
using ImeBridge.Testing.Servers;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ImeBridge.Functions.Tests.Functions;

/// <summary>The mailbox timer of the Functions app, made from its container as the worker makes it.</summary>
public sealed class PollMailboxFunctionTests
{
    [Fact]
    public async Task Without_a_mailbox_configured_a_tick_does_nothing()
    {
        await using var app = await FunctionsApp.StartAsync(new Dictionary<string, string?>());

        await Tick(app);

        Assert.Empty(await app.Services.GetRequiredService<IReferralStore>().ListRejectionsAsync(10, CancellationToken.None));
        var documents = Path.Combine(app.DataDirectory, "documents");
        Assert.False(Directory.Exists(documents) && Directory.EnumerateFiles(documents, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task With_a_mailbox_configured_a_tick_takes_the_inbox_message_and_moves_it_to_the_processed_folder()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        using (var client = await ConnectAsync(dovecot))
        {
            await client.Inbox.AppendAsync(MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(
                "From: someone@elsewhere.example\r\nTo: referrals@imebridge.example\r\nSubject: hello\r\nMessage-ID: <mb-1@elsewhere.example>\r\n\r\nJust checking in.\r\n"))));
            await client.DisconnectAsync(true);
        }

        await using var app = await FunctionsApp.StartAsync(new Dictionary<string, string?>
        {
            ["mailbox:host"] = dovecot.Host,
            ["mailbox:port"] = dovecot.Port.ToString(CultureInfo.InvariantCulture),
            ["mailbox:username"] = dovecot.Username,
            ["mailbox:password"] = dovecot.Password,
            ["mailbox:useTls"] = "false",
            ["mailbox:processedFolder"] = "Done",
        });

        await Tick(app);

        using (var client = await ConnectAsync(dovecot))
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            Assert.Equal(0, client.Inbox.Count);
            var done = await client.GetFolderAsync("Done");
            await done.OpenAsync(FolderAccess.ReadOnly);
            Assert.Equal(1, done.Count);
            await client.DisconnectAsync(true);
        }

        // The queued email is worked on by the app's pump: a sender no partner owns goes to triage.
        var store = app.Services.GetRequiredService<IReferralStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        IReadOnlyList<RejectedIntake> triaged = [];
        while (triaged.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            triaged = await store.ListRejectionsAsync(10, CancellationToken.None);
        }

        Assert.Equal("email", Assert.Single(triaged).Channel);
    }

    private static Task<bool> Tick(FunctionsApp app) =>
        app.ActivateAsync<PollMailbox, bool>(async (function, _) =>
        {
            await function.RunAsync(new TimerInfo(), CancellationToken.None);
            return true;
        });

    private static async Task<ImapClient> ConnectAsync(DovecotServer dovecot)
    {
        var client = new ImapClient();
        await client.ConnectAsync(dovecot.Host, dovecot.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(dovecot.Username, dovecot.Password);
        return client;
    }
}
