using ImeBridge.Adapters.Email.Configuration;
using ImeBridge.Adapters.Email.Imap;
using ImeBridge.Adapters.Fhir.Polling;
using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Sftp;
using ImeBridge.Adapters.Sqlite;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ImeBridge.Hosting;

/// <summary>Chooses where state, queue and documents live. Returned by <see cref="ImeBridgeHostBuilderExtensions.AddImeBridge"/>.</summary>
public sealed class ImeBridgeBuilder
{
    public const string DatabaseFileName = "imebridge.db";
    public const string DocumentsFolderName = "documents";
    public const string OutboxFolderName = "outbox";
    public const string WorkFolderName = "work";

    internal ImeBridgeBuilder(IHostApplicationBuilder host)
    {
        Host = host;
    }

    public IHostApplicationBuilder Host { get; }

    /// <summary>
    /// The embedded default: SQLite state and durable queue at <c>&lt;dir&gt;/imebridge.db</c>, original documents
    /// under <c>&lt;dir&gt;/documents</c>, outbound email not sent but kept under <c>&lt;dir&gt;/outbox/email</c>, and the
    /// <see cref="QueuePump"/> that dispatches queued messages.
    /// </summary>
    public ImeBridgeBuilder UseEmbedded(string dataDirectory) => UseEmbedded(dataDirectory, runQueuePump: true);

    /// <summary>
    /// As <see cref="UseEmbedded(string)"/>; with <paramref name="runQueuePump"/> false no <see cref="QueuePump"/> is
    /// started, for a short-lived tool (an operator command) that only writes: the messages it emits stay queued in
    /// the shared database for the running server to dispatch.
    /// </summary>
    public ImeBridgeBuilder UseEmbedded(string dataDirectory, bool runQueuePump)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(root);
        Host.Services.AddImeBridgeSqlite(Path.Combine(root, DatabaseFileName));
        Host.Services.AddImeBridgeLocalDocuments(Path.Combine(root, DocumentsFolderName));
        Host.Services.AddImeBridgeLocalOutbox(Path.Combine(root, OutboxFolderName, "email"));
        // SMS too, unless Twilio is configured (AddSms registered TwilioSmsSender first).
        Host.Services.TryAddSingleton<ImeBridge.Core.Outbound.ISmsSender>(sp => new LocalOutboxSmsSender(Path.Combine(root, OutboxFolderName, "sms"), sp.GetRequiredService<TimeProvider>()));
        Host.Services.Configure<SftpOptions>(sftp => sftp.WorkFolder ??= Path.Combine(root, WorkFolderName, "sftp"));
        if (runQueuePump)
        {
            Host.Services.AddHostedService<QueuePump>();
        }

        return this;
    }

    /// <summary>
    /// Polls the inbound channels in the background: every partner's SFTP folder and FHIR server (where
    /// <c>fhir.polling</c> is set) at its interval and, when
    /// <c>mailbox</c> is configured, the IMAP mailbox. For a long-running host (<c>imebridge serve</c>); the Functions
    /// app polls from timer triggers instead, and operator commands not at all.
    /// </summary>
    public ImeBridgeBuilder RunChannelPollers()
    {
        Host.Services.AddHostedService<SftpPollingService>();
        Host.Services.AddHostedService<FhirPollingService>();
        if (!string.IsNullOrWhiteSpace(Host.Configuration.GetSection(MailboxOptions.Section)["host"]))
        {
            Host.Services.AddHostedService<ImapPollingService>();
        }

        return this;
    }
}
