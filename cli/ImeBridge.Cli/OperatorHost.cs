using ImeBridge.Core.Intake;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Cli;

/// <summary>
/// The bridge's services over a data folder, for an operator command that runs and exits: composed the way
/// <c>serve</c> composes them, but never started and without the queue pump, so what it writes (a replayed
/// referral's messages) stays queued in the shared database for the running <c>serve</c> to dispatch.
/// Only warnings and errors are logged, to standard error.
/// </summary>
internal sealed class OperatorHost : IAsyncDisposable
{
    private readonly IHost host;

    private OperatorHost(IHost host, string dataDirectory)
    {
        this.host = host;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public IReferralStore Store => host.Services.GetRequiredService<IReferralStore>();

    public TimeProvider Time => host.Services.GetRequiredService<TimeProvider>();

    public static OperatorHost Open(string? dataOption)
    {
        var dataDirectory = Cli.DataDirectory.Resolve(dataOption);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "imebridge" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddImeBridge().UseEmbedded(dataDirectory, runQueuePump: false);
        return new OperatorHost(builder.Build(), dataDirectory);
    }

    /// <summary>Runs <paramref name="work"/> with the intake of one scope, as one HTTP request would.</summary>
    public async Task<T> WithIntakeAsync<T>(Func<ReferralIntake, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ReferralIntake>());
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
