using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImeBridge.Hosting.Engines;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Testing.Logging;
using ImeBridge.Testing.Servers;
using ImeBridge.Testing.ServiceBus;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Hosting.Tests.Hosting;

/// <summary><c>GET /health</c> asks each engine in use and names the one that does not answer, without its secrets.</summary>
public sealed class EngineHealthTests
{
    private const string Password = "hunter2-not-for-logs";

    [Fact]
    public async Task Embedded_engines_answer_200_with_each_engine_named_ok()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync("/health");
        var body = await response.ReadObjectAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (string?)body["status"]);
        var checks = body["checks"]!.AsArray().Select(c => $"{(string?)c!["name"]}={(string?)c["engine"]}:{(string?)c["status"]}").ToList();
        Assert.Equal(["store=sqlite:ok", "queue=sqlite:ok", "documents=localFiles:ok"], checks);
    }

    [Fact]
    public async Task Postgres_service_bus_and_blob_storage_answer_200_each_named()
    {
        var postgres = await PostgresServer.CreateSharedDatabaseAsync();
        using var serviceBus = InProcessServiceBus.Start();
        serviceBus.CreateQueue(EngineSettings.DefaultQueueName, new ServiceBusQueueSettings { LockDuration = TimeSpan.FromSeconds(30) });
        using var azurite = AzuriteServer.Start();
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            [EngineSettings.StoreKey] = "postgres",
            [EngineSettings.BusKey] = "servicebus",
            [EngineSettings.PostgresConnectionStringKey] = postgres,
            [EngineSettings.ServiceBusConnectionStringKey] = serviceBus.ConnectionString,
            [EngineSettings.BlobConnectionStringKey] = azurite.ConnectionString,
            [EngineSettings.BlobContainerKey] = "health-" + Guid.NewGuid().ToString("N")[..8],
            [EngineSettings.LinkKeyKey] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });

        var response = await app.Client.GetAsync("/health");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = JsonNode.Parse(text)!["checks"]!.AsArray().Select(c => $"{(string?)c!["name"]}={(string?)c["engine"]}:{(string?)c["status"]}").ToList();
        Assert.Equal(["store=postgres:ok", "queue=servicebus:ok", "documents=azureBlob:ok"], checks);
        Assert.DoesNotContain("Password", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unreachable_postgres_answers_503_soon_naming_the_store_and_no_secret()
    {
        // 10.255.255.1 is not routed: a connect there waits for the driver's 20 s timeout, unless the network refuses at once.
        var (status, checks, text, logs, elapsed) = await HealthOnPostgresAsync("10.255.255.1", 5432);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal(("postgres", "failed"), (checks["store"].Engine, checks["store"].Status));
        Assert.Equal(("postgres", "failed"), (checks["queue"].Engine, checks["queue"].Status));
        Assert.Equal(("localFiles", "ok"), (checks["documents"].Engine, checks["documents"].Status));
        Assert.True(elapsed < EngineHealth.ProbeTimeout + TimeSpan.FromSeconds(5), $"health took {elapsed}");
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("10.255.255.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postgres_that_accepts_and_never_answers_is_a_timeout_not_a_hang()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silent.AcceptTcpClientAsync());
            }
        });

        var (status, checks, _, _, elapsed) = await HealthOnPostgresAsync("127.0.0.1", ((IPEndPoint)silent.LocalEndpoint).Port);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal(("failed", "timeout"), (checks["store"].Status, checks["store"].Reason));
        Assert.True(elapsed < EngineHealth.ProbeTimeout + TimeSpan.FromSeconds(5), $"health took {elapsed}");
        silent.Stop();
        held.ForEach(c => c.Dispose());
    }

    private static async Task<(int Status, Dictionary<string, (string? Engine, string? Status, string? Reason)> Checks, string Text, string Logs, TimeSpan Elapsed)> HealthOnPostgresAsync(string host, int port)
    {
        using var data = new TempDirectory();
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = data.Path });
        builder.Logging.AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [EngineSettings.StoreKey] = "postgres",
            [EngineSettings.PostgresConnectionStringKey] = $"Host={host};Port={port};Database=imebridge;Username=imebridge;Password={Password};Timeout=20",
        });
        // Not started: a started host would open the database for its queue pump; the endpoint must answer anyway.
        builder.AddImeBridge().UseConfiguredEngines(data.Path, runQueuePump: false);
        using var app = builder.Build();

        var watch = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<EngineHealth>().HealthAsync(CancellationToken.None);
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        watch.Stop();

        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        using var json = JsonDocument.Parse(text);
        Assert.Equal(context.Response.StatusCode == 200 ? "ok" : "failed", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("engine").GetString(), c.GetProperty("status").GetString(), c.TryGetProperty("reason", out var r) ? r.GetString() : null));
        return (context.Response.StatusCode, checks, text, logs.AllText, watch.Elapsed);
    }
}
