using Azure.Core;
using Azure.Identity;
using ImeBridge.Adapters.Email.Configuration;
using ImeBridge.Adapters.Email.Imap;
using ImeBridge.Adapters.Fhir.Polling;
using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Sftp;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Workflow.Stuck;
using ImeBridge.Hosting.Engines;
using Microsoft.Extensions.Configuration;
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

    private TokenCredential? azureCredential;

    internal ImeBridgeBuilder(IHostApplicationBuilder host)
    {
        Host = host;
    }

    public IHostApplicationBuilder Host { get; }

    /// <summary>
    /// The identity the Azure engines sign in with where configuration names no secret (PostgreSQL with
    /// <c>postgres:useManagedIdentity</c>, <c>serviceBus:fullyQualifiedNamespace</c>, <c>documents:blob:serviceUri</c>);
    /// <see cref="DefaultAzureCredential"/> (the Function App's managed identity in Azure) unless set. Call before
    /// <see cref="UseConfiguredEngines"/>.
    /// </summary>
    public ImeBridgeBuilder WithAzureCredential(TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        azureCredential = credential;
        return this;
    }

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
    public ImeBridgeBuilder UseEmbedded(string dataDirectory, bool runQueuePump) =>
        UseEngines(dataDirectory, new EngineSettings(StateEngine.Sqlite, BusEngine.Embedded, null, null, null), runQueuePump);

    /// <summary>
    /// The engines configuration names (<see cref="EngineSettings"/>: <c>store</c>, <c>bus</c>, <c>postgres</c>,
    /// <c>serviceBus</c>, <c>documents:blob</c>), the embedded default when it names none. The data folder keeps what
    /// stays local either way: the SMS and email outboxes and the SFTP work folder (and, embedded, everything).
    /// </summary>
    public ImeBridgeBuilder UseConfiguredEngines(string dataDirectory, bool runQueuePump = true) =>
        UseEngines(dataDirectory, EngineSettings.Read(Host.Configuration), runQueuePump);

    private ImeBridgeBuilder UseEngines(string dataDirectory, EngineSettings engines, bool runQueuePump)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(root);
        Host.Services.AddSingleton(engines);
        Host.Services.TryAddScoped<EngineHealth>();
        Host.Services.TryAddScoped<StuckWorkSweep>();
        // One credential for every engine that needs one, made only then (its construction reads the environment).
        TokenCredential Credential() => azureCredential ??= new DefaultAzureCredential();
        EngineRegistration.AddState(Host.Services, engines, Path.Combine(root, DatabaseFileName), runQueuePump, Credential);
        EngineRegistration.AddBus(Host.Services, engines, runQueuePump, Credential);
        EngineRegistration.AddDocuments(Host.Services, engines, Path.Combine(root, DocumentsFolderName), Credential);
        Host.Services.AddImeBridgeLocalOutbox(Path.Combine(root, OutboxFolderName, "email"));
        // SMS too, unless Twilio is configured (AddSms registered TwilioSmsSender first).
        Host.Services.TryAddSingleton<ImeBridge.Core.Outbound.ISmsSender>(sp => new LocalOutboxSmsSender(Path.Combine(root, OutboxFolderName, "sms"), sp.GetRequiredService<TimeProvider>()));
        Host.Services.Configure<SftpOptions>(sftp => sftp.WorkFolder ??= Path.Combine(root, WorkFolderName, "sftp"));
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

    /// <summary>
    /// Sweeps for stuck work in the background (<see cref="StuckWorkSweepService"/>): referrals past their state's limit
    /// and dead letters become operator alerts, every <c>sweeps:interval</c> (5 minutes by default). For a long-running
    /// host (<c>imebridge serve</c>); the Functions app sweeps from a timer trigger. Safe in several processes at once:
    /// alerts are keyed, so each is raised once.
    /// </summary>
    public ImeBridgeBuilder RunSweeps()
    {
        Host.Services.AddOptions<StuckWorkOptions>().Bind(Host.Configuration.GetSection(StuckWorkOptions.Section));
        Host.Services.AddHostedService<StuckWorkSweepService>();
        return this;
    }
}
