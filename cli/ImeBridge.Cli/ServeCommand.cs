using System.CommandLine;
using ImeBridge.Adapters.Email.Configuration;
using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Sftp;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting;
using ImeBridge.Hosting.Engines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Cli;

/// <summary><c>imebridge serve</c>: the whole bridge in one process on the embedded default (SQLite + local documents).</summary>
internal static class ServeCommand
{
    private static readonly Dictionary<string, string?> ServeDefaults = new(StringComparer.Ordinal)
    {
        ["includeDemoPartner"] = "true",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
    };

    private const string HostLogCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen; several URLs separated by ';'. Use port 0 for any free port.",
            HelpName = "URL",
            DefaultValueFactory = _ => CommonOptions.DefaultServerUrl,
        };
        var data = new Option<string?>("--data")
        {
            Description = $"The data folder (SQLite state and queue, original documents). Default: ${DataDirectory.EnvironmentVariable}, else ./{DataDirectory.DefaultFolderName}/.",
            HelpName = "DIR",
        };
        var config = CommonOptions.Config("Its partners are served beside the built-in demo partner (set \"includeDemoPartner\": false to drop it).");
        var store = new Option<string?>("--store")
        {
            Description = "Where state lives: sqlite (default, in the data folder) or postgres (needs postgres:connectionString in the configuration). Overrides the configuration's \"store\".",
            HelpName = "sqlite|postgres",
        };
        var bus = new Option<string?>("--bus")
        {
            Description = "What carries the workflow: embedded (default, the queue in the state database) or servicebus (needs --store postgres and serviceBus settings). Overrides the configuration's \"bus\".",
            HelpName = "embedded|servicebus",
        };
        var command = new Command(
            "serve",
            "Run ImeBridge on this machine: the partner referral API over HTTP, with state, queue and documents in a local data folder. "
            + "Prints where it listens, where its data is and the demo partner's credentials. Ctrl-C (or SIGTERM) stops it cleanly.")
        {
            urls,
            data,
            config,
            store,
            bus,
        };
        command.SetAction((parsed, _) => RunAsync(parsed.GetValue(urls)!, parsed.GetValue(data), parsed.GetValue(config), parsed.GetValue(store), parsed.GetValue(bus)));
        return command;
    }

    private static async Task<int> RunAsync(string urls, string? dataOption, string? configFile, string? store, string? bus)
    {
        var dataDirectory = DataDirectory.Resolve(dataOption);
        if (configFile is not null)
        {
            ConfigFile.Load(configFile, includeDemoPartnerByDefault: true);
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "imebridge" });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = ServeDefaults });
        if (configFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });

        // A failed start (port in use, bad URL, invalid configuration) is reported below as one line; the host's
        // own "failed to start" log would repeat it with a stack trace.
        var started = false;
        builder.Logging.AddFilter(HostLogCategory, level => Volatile.Read(ref started) && level >= LogLevel.Information);
        builder.WebHost.UseUrls(urls);
        var engineOverrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (store is not null)
        {
            engineOverrides[EngineSettings.StoreKey] = store;
        }

        if (bus is not null)
        {
            engineOverrides[EngineSettings.BusKey] = bus;
        }

        builder.Configuration.AddInMemoryCollection(engineOverrides);
        try
        {
            builder.AddImeBridge().UseConfiguredEngines(dataDirectory).RunChannelPollers().RunSweeps();
        }
        catch (InvalidOperationException invalid) when (invalid.Message.StartsWith("Invalid engine configuration", StringComparison.Ordinal))
        {
            throw new UsageException(invalid.Message, invalid);
        }

        await using var app = builder.Build();
        app.MapImeBridgeApi();
        try
        {
            await app.StartAsync();
            Volatile.Write(ref started, true);
        }
        catch (OptionsValidationException invalid)
        {
            throw new UsageException("invalid configuration: " + string.Join(" ", invalid.Failures), invalid);
        }
        catch (Exception ex) when (ex is IOException or FormatException)
        {
            throw new UsageException($"cannot listen on {urls}: {ex.Message}", ex);
        }

        var options = app.Services.GetRequiredService<IOptions<ImeBridgeOptions>>().Value;
        ServeBanner.Print(Console.Out, [.. app.Urls], dataDirectory, options, configFile, ChannelsOf(app.Services));
        await app.WaitForShutdownAsync();
        return ExitCodes.Ok;
    }

    private static ServeChannels ChannelsOf(IServiceProvider services)
    {
        var sftp = services.GetRequiredService<IOptions<SftpOptions>>().Value.SftpPartners.Select(p => p.Id!).ToList();
        var inbound = !string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<InboundEmailOptions>>().Value.Secret);
        var mailbox = services.GetRequiredService<IOptions<MailboxOptions>>().Value.Host;
        var smsToOutbox = services.GetRequiredService<ISmsSender>() is LocalOutboxSmsSender;
        var emailToOutbox = services.GetRequiredService<IEmailSender>() is LocalOutboxEmailSender;
        return new ServeChannels(sftp, inbound, string.IsNullOrWhiteSpace(mailbox) ? null : mailbox, smsToOutbox, emailToOutbox, services.GetService<EngineSettings>());
    }
}
