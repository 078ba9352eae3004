using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Email.Intake;
using ImeBridge.Core.Intake;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Validation;
using ImeBridge.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ImeBridge.Testing.Logging;

namespace ImeBridge.Adapters.Email.Tests.Support;

/// <summary>
/// Email intake composed as the host composes it, over the real embedded SQLite store and queue and the local
/// document store in a temp folder; acks go to a <see cref="RecordingEmailSender"/>, every log line to
/// <see cref="Logs"/>. <see cref="DrainAsync"/> plays the queue pump until nothing is due.
/// </summary>
internal sealed class EmailHarness : IAsyncDisposable
{
    private readonly IHost host;
    private readonly TempDirectory folder;

    private EmailHarness(IHost host, TempDirectory folder, CapturingLoggerProvider logs, RecordingEmailSender sender)
    {
        this.host = host;
        this.folder = folder;
        Logs = logs;
        Sender = sender;
    }

    public CapturingLoggerProvider Logs { get; }

    public RecordingEmailSender Sender { get; }

    public IServiceProvider Services => host.Services;

    public IReferralStore Store => Services.GetRequiredService<IReferralStore>();

    public IDocumentStore Documents => Services.GetRequiredService<IDocumentStore>();

    public InboundEmailIntake Intake => Services.GetRequiredService<InboundEmailIntake>();

    public static async Task<EmailHarness> StartAsync(IDictionary<string, string?>? extraSettings = null, CapturingLoggerProvider? logs = null, bool pollMailboxInBackground = false, Action<IServiceCollection>? configure = null)
    {
        var folder = new TempDirectory();
        logs ??= new CapturingLoggerProvider();
        var sender = new RecordingEmailSender();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        var settings = TestPartners.Configuration();
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        var services = builder.Services;
        services.AddImeBridgeSqlite(folder.File("imebridge.db"));
        services.AddImeBridgeLocalDocuments(folder.File("documents"));
        services.AddSingleton<IPartnerDirectory, TestPartners.Directory>();
        services.AddSingleton<ReferralReader>();
        services.AddSingleton<ReferralValidator>();
        services.AddScoped<ReferralIntake>();
        services.AddSingleton<IntakePressure>();
        services.AddSingleton<MessageDispatcher>();
        services.AddSingleton<IEmailSender>(sender);
        services.AddImeBridgeEmail(builder.Configuration, pollMailboxInBackground);
        configure?.Invoke(services);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            folder.Dispose();
            throw;
        }

        return new EmailHarness(host, folder, logs, sender);
    }

    public Task<EmailReceipt> ReceiveAsync(byte[] raw, InboundAuthentication? authentication = null, string via = "imap") =>
        Intake.ReceiveAsync(raw, authentication ?? InboundAuthentication.NotChecked, via, CancellationToken.None);

    /// <summary>Receives and dispatches queued messages until none is due (what the queue pump does).</summary>
    public async Task DrainAsync()
    {
        var queue = Services.GetRequiredService<IMessageQueue>();
        var dispatcher = Services.GetRequiredService<MessageDispatcher>();
        for (var round = 0; round < 100; round++)
        {
            var batch = await queue.ReceiveAsync(16, CancellationToken.None);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var message in batch)
            {
                await dispatcher.DispatchAsync(message, CancellationToken.None);
            }
        }
    }

    /// <summary>How many referrals the database holds (read straight from the embedded store's table).</summary>
    public long CountReferrals()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={folder.File("imebridge.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM referrals";
        return (long)command.ExecuteScalar()!;
    }

    public async Task<IReadOnlyList<StoredReferral>> ReferralsAsync(IEnumerable<string> referralIds)
    {
        var found = new List<StoredReferral>();
        foreach (var id in referralIds)
        {
            found.Add(await Store.GetAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"referral {id} is not stored"));
        }

        return found;
    }

    /// <summary>Referral ids named in the acknowledgements sent so far.</summary>
    public IReadOnlyList<string> AcknowledgedReferralIds() =>
        [.. Sender.Sent.SelectMany(m => System.Text.RegularExpressions.Regex.Matches(m.TextBody, @"\bref_[0-9a-f]{32}\b").Select(x => x.Value)).Distinct()];

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        folder.Dispose();
    }
}
