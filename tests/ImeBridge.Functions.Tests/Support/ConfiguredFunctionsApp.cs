using ImeBridge.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImeBridge.Functions.Tests.Support;

/// <summary>
/// As <see cref="FunctionsApp"/> (the Functions app's own registrations in a plain host, data in a temp folder), with
/// more app settings: partners with <c>sftp</c> or <c>email</c> blocks, <c>inboundEmail</c>, <c>mailbox</c>.
/// </summary>
internal sealed class ConfiguredFunctionsApp : IAsyncDisposable
{
    private readonly IHost host;
    private readonly TempDirectory data;

    private ConfiguredFunctionsApp(IHost host, TempDirectory data)
    {
        this.host = host;
        this.data = data;
    }

    public IServiceProvider Services => host.Services;

    public string DataDirectory => data.Path;

    public static async Task<ConfiguredFunctionsApp> StartAsync(IDictionary<string, string?> settings)
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
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddImeBridgeFunctions();
        var host = builder.Build();
        await host.StartAsync();
        return new ConfiguredFunctionsApp(host, data);
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
