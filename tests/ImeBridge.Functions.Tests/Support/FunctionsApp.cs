using ImeBridge.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImeBridge.Functions.Tests.Support;

/// <summary>
/// The Functions app's own registrations (<see cref="FunctionsComposition.AddImeBridgeFunctions"/>, as Program.cs
/// calls it) in a plain host, with <c>IMEBRIDGE_DATA</c> pointing at a temp folder. The Functions host (<c>func</c>)
/// cannot run here, so tests resolve the function classes from this container and call them directly. More app
/// settings (partners with <c>sftp</c> or <c>email</c> blocks, <c>inboundEmail</c>, <c>mailbox</c>) can be given.
/// </summary>
internal sealed class FunctionsApp : IAsyncDisposable
{
    private readonly IHost host;
    private readonly TempDirectory data;

    private FunctionsApp(IHost host, TempDirectory data)
    {
        this.host = host;
        this.data = data;
    }

    public IServiceProvider Services => host.Services;

    public string DataDirectory => data.Path;

    /// <param name="services">Registrations added after the app's own (a test clock, taking a hosted service out).</param>
    public static async Task<FunctionsApp> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var data = new TempDirectory();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = data.Path,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [FunctionsDataDirectory.SettingName] = data.Path,
            ["includeDemoPartner"] = "true",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddLogging();
        builder.AddImeBridgeFunctions();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new FunctionsApp(host, data);
    }

    /// <summary>Runs <paramref name="call"/> with a function class resolved from a fresh scope, as the worker does per invocation.</summary>
    public async Task<TResult> InvokeAsync<TFunction, TResult>(Func<TFunction, IServiceProvider, Task<TResult>> call)
        where TFunction : notnull
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TFunction>(), scope.ServiceProvider);
    }

    /// <summary>
    /// Runs <paramref name="call"/> on an instance of <typeparamref name="TFunction"/> made in a fresh scope the way the
    /// isolated worker makes one per invocation (its default activator: ActivatorUtilities over the invocation's
    /// services), so every dependency must resolve from the app's container.
    /// </summary>
    public async Task<TResult> ActivateAsync<TFunction, TResult>(Func<TFunction, IServiceProvider, Task<TResult>> call)
        where TFunction : notnull
    {
        await using var scope = host.Services.CreateAsyncScope();
        var function = ActivatorUtilities.CreateInstance<TFunction>(scope.ServiceProvider);
        return await call(function, scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        data.Dispose();
    }
}
