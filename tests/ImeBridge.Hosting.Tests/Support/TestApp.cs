using ImeBridge.Core.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ImeBridge.Testing.Logging;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>
/// The real app as <c>imebridge serve</c> builds it (AddImeBridge().UseConfiguredEngines + MapImeBridgeApi: embedded unless the settings name other engines) on Kestrel at
/// 127.0.0.1:0, with the test partners from in-memory configuration, all logs captured, and a real HttpClient.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    public const int MaxBodyBytes = 64 * 1024;

    private readonly WebApplication app;
    private readonly TempDirectory? ownedDirectory;

    private TestApp(WebApplication app, HttpClient client, string dataDirectory, TempDirectory? ownedDirectory, CapturingLoggerProvider logs, RecordingMessageHandler handler)
    {
        this.app = app;
        this.ownedDirectory = ownedDirectory;
        Client = client;
        DataDirectory = dataDirectory;
        Logs = logs;
        Handler = handler;
    }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public CapturingLoggerProvider Logs { get; }

    public RecordingMessageHandler Handler { get; }

    public IServiceProvider Services => app.Services;

    /// <param name="dataDirectory">Reuse a data directory (to restart on the same state); a fresh one otherwise.</param>
    /// <param name="settings">Configuration keys on top of the test partners' (their email senders, <c>inboundEmail</c>, …).</param>
    /// <param name="services">Registrations added after the app's own (message handlers that must run last, …).</param>
    public static async Task<TestApp> StartAsync(
        string? dataDirectory = null,
        CapturingLoggerProvider? logs = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var owned = dataDirectory is null ? new TempDirectory() : null;
        var directory = dataDirectory ?? owned!.Path;
        logs ??= new CapturingLoggerProvider();
        var handler = new RecordingMessageHandler();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ApplicationName = typeof(TestApp).Assembly.GetName().Name,
            ContentRootPath = directory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(TestPartner.Configuration(MaxBodyBytes));
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<IMessageHandler>(handler);
        builder.AddImeBridge().UseConfiguredEngines(directory);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapImeBridgeApi();
        await app.StartAsync();

        var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        return new TestApp(app, client, directory, owned, logs, handler);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        ownedDirectory?.Dispose();
    }
}
