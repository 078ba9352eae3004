using Azure.Core;
using ImeBridge.Adapters.Postgres;
using ImeBridge.Hosting.Engines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ImeBridge.Hosting.Tests.Engines;

/// <summary>
/// <c>postgres:useManagedIdentity</c>: the registration gives Npgsql a periodic password provider that asks the
/// app's credential for a PostgreSQL token. A recording credential stands in for Azure, which is never called.
/// </summary>
public sealed class PostgresManagedIdentityTests
{
    private const string NoPassword = "Host=127.0.0.1;Port=1;Database=imebridge;Username=imebridge-app";

    [Fact]
    public async Task The_data_source_is_built_with_a_token_provider_for_the_postgres_scope()
    {
        using var data = new TempDirectory();
        var credential = new RecordingCredential();
        var builder = NewBuilder(data, new Dictionary<string, string?>
        {
            [EngineSettings.StoreKey] = "postgres",
            [EngineSettings.PostgresConnectionStringKey] = NoPassword,
            [EngineSettings.PostgresManagedIdentityKey] = "true",
        });

        builder.AddImeBridge().WithAzureCredential(credential).UseConfiguredEngines(data.Path, runQueuePump: false);
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<PostgresOptions>();
        Assert.NotNull(options.ConfigureDataSource);

        var dataSource = new NpgsqlDataSourceBuilder(NoPassword);
        options.ConfigureDataSource(dataSource);
        await using var built = dataSource.Build();
        // The provider is asked at once, so the first connection has a token.
        var scopes = await credential.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([PostgresManagedIdentity.Scope], scopes);
        Assert.True(host.Services.GetRequiredService<EngineSettings>().PostgresUseManagedIdentity);
    }

    [Fact]
    public void Without_the_setting_the_connection_string_is_used_as_it_is()
    {
        using var data = new TempDirectory();
        var builder = NewBuilder(data, new Dictionary<string, string?>
        {
            [EngineSettings.StoreKey] = "postgres",
            [EngineSettings.PostgresConnectionStringKey] = NoPassword + ";Password=secret",
        });

        builder.AddImeBridge().UseConfiguredEngines(data.Path, runQueuePump: false);
        using var host = builder.Build();

        Assert.Null(host.Services.GetRequiredService<PostgresOptions>().ConfigureDataSource);
    }

    [Theory]
    [InlineData("postgres", NoPassword + ";Password=s3cret-value", "postgres:connectionString must not carry a password with postgres:useManagedIdentity")]
    [InlineData(null, null, "postgres:useManagedIdentity needs store postgres")]
    public void Contradictory_settings_are_named_without_echoing_the_secret(string? store, string? connectionString, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [EngineSettings.StoreKey] = store,
            [EngineSettings.PostgresConnectionStringKey] = connectionString,
            [EngineSettings.PostgresManagedIdentityKey] = "true",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => EngineSettings.Read(configuration));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", error.Message, StringComparison.Ordinal);
    }

    private static HostApplicationBuilder NewBuilder(TempDirectory data, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = data.Path });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public TaskCompletionSource<string[]> FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            FirstRequest.TrySetResult(requestContext.Scopes);
            return new AccessToken("entra-token", TimeProvider.System.GetUtcNow().AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
