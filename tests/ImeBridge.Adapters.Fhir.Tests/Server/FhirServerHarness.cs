using System.Text;
using ImeBridge.Adapters.Fhir.Server;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ImeBridge.Adapters.Fhir.Tests.Server;

/// <summary>
/// A WireMock "partner FHIR server" on loopback, the real DI wiring of the client for partner "acme", captured logs
/// and a fake business clock (which must not slow down or stall the transport: Polly runs on real time).
/// </summary>
internal sealed class FhirServerHarness : IDisposable
{
    public const string Partner = "acme";
    public const string FhirMediaType = "application/fhir+json";

    private readonly ServiceProvider services;

    private FhirServerHarness(Action<FhirServerOptions, FhirServerHarness>? configure)
    {
        Mock = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        Options = new FhirServerOptions
        {
            BaseUrl = new Uri($"{Mock.Url}/r4/"),
            Timeout = TimeSpan.FromSeconds(10),
            MaxAttempts = 4,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryAfter = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(Options, this);

        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddImeBridgeFhirServerClients();
        collection.Configure<FhirServerClientsOptions>(o => o.Servers[Partner] = Options);
        services = collection.BuildServiceProvider();
    }

    public WireMockServer Mock { get; }

    public FhirServerOptions Options { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public Uri TokenUrl => new($"{Mock.Url}/oauth/token");

    public FhirServerClient Client => services.GetRequiredService<FhirServerClients>().For(Partner)!;

    public static FhirServerHarness Start(Action<FhirServerOptions, FhirServerHarness>? configure = null) => new(configure);

    public static FhirServerHarness WithClientSecret(string scope = "system/ServiceRequest.rs system/Task.cu") =>
        Start((options, harness) => options.Auth = new FhirServerAuthOptions
        {
            TokenUrl = harness.TokenUrl,
            ClientId = "imebridge",
            ClientSecret = "s3cret-value",
            Scope = scope,
        });

    /// <summary>Answers a GET of <c>/r4/{path}</c> with a FHIR JSON body.</summary>
    public void Serve(string path, string json, int status = 200) =>
        Mock.Given(Request.Create().WithPath($"/r4/{path}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", FhirMediaType).WithBody(json));

    /// <summary>Answers the token endpoint with a bearer token.</summary>
    public void ServeToken(string token = "token-1", int expiresIn = 3600) =>
        Mock.Given(Request.Create().WithPath("/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"access_token":"{{token}}","token_type":"bearer","expires_in":{{expiresIn}},"scope":"system/Task.cu"}"""));

    /// <summary>Answers successive requests to a path with the given responses, the last one for good.</summary>
    public void Sequence(string path, string method, params IResponseBuilder[] responses)
    {
        var scenario = $"{method} {path} {Guid.NewGuid():N}";
        for (var i = 0; i < responses.Length; i++)
        {
            var request = Request.Create().WithPath(path).UsingMethod(method);
            var mapping = Mock.Given(request).InScenario(scenario);
            if (i > 0)
            {
                mapping = mapping.WhenStateIs($"step{i}");
            }

            if (i < responses.Length - 1)
            {
                mapping = mapping.WillSetStateTo($"step{i + 1}");
            }

            mapping.RespondWith(responses[i]);
        }
    }

    public static IResponseBuilder Status(int status) => Response.Create().WithStatusCode(status);

    public static IResponseBuilder FhirAnswer(string json, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", FhirMediaType).WithBody(json);

    public IReadOnlyList<ILogEntry> Requests(string path) =>
        Mock.LogEntries.Where(e => e.RequestMessage!.Path == path).OrderBy(e => e.RequestMessage!.DateTime).ToList();

    public static string Header(ILogEntry entry, string name) =>
        entry.RequestMessage!.Headers is { } headers && headers.TryGetValue(name, out var values) ? string.Join(",", values) : string.Empty;

    public static string Body(ILogEntry entry) => entry.RequestMessage!.Body ?? Encoding.UTF8.GetString(entry.RequestMessage.BodyAsBytes ?? []);

    public static string PatientJson(string id = "1") =>
        $$"""{"resourceType":"Patient","id":"{{id}}","name":[{"family":"Okonkwo","given":["Daniel"]}],"birthDate":"1981-07-14"}""";

    public void Dispose()
    {
        services.Dispose();
        Mock.Stop();
        Mock.Dispose();
    }
}
