using ImeBridge.Core.Ports;
using ImeBridge.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Cli;

/// <summary>
/// The expert directory of a data folder, for <c>imebridge experts</c>: composed like <see cref="OperatorHost"/>
/// (embedded, never started, no queue pump), so it works beside a running <c>serve</c>. Only warnings and errors
/// are logged, to standard error.
/// </summary>
internal sealed class ExpertsHost : IAsyncDisposable
{
    private readonly IHost host;

    private ExpertsHost(IHost host) => this.host = host;

    public IExpertDirectory Directory => host.Services.GetRequiredService<IExpertDirectory>();

    public static ExpertsHost Open(string? dataOption)
    {
        var dataDirectory = DataDirectory.Resolve(dataOption);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "imebridge" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddImeBridge().UseEmbedded(dataDirectory, runQueuePump: false);
        return new ExpertsHost(builder.Build());
    }

    public async ValueTask DisposeAsync()
    {
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
