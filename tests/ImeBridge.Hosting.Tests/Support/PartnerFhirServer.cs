using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>
/// A partner's FHIR R4 server and its OAuth token endpoint, played by WireMock on 127.0.0.1. The token endpoint
/// grants <see cref="AccessToken"/> to <see cref="ClientId"/>:<see cref="ClientSecret"/> (client_secret_basic); Task
/// conditional updates answer 200 and DocumentReference creates 201 unless a test says otherwise. Anything not served
/// answers 404, as a FHIR server does for a resource it does not have. Mapping priorities (lower wins): answers in
/// turn 1, served resources 10, the default writes 100.
/// </summary>
internal sealed class PartnerFhirServer : IDisposable
{
    public const string AccessToken = "partner-access-token-5f2c81";
    public const string ClientId = "imebridge";
    public const string ClientSecret = "s3cret-9d1e44";
    public const string Scope = "system/*.rs";
    public const string FhirJson = "application/fhir+json";

    private readonly WireMockServer server;

    private PartnerFhirServer(WireMockServer server)
    {
        this.server = server;
    }

    public string Origin => server.Url!;

    public string BaseUrl => Origin + "/fhir/";

    public string TokenUrl => Origin + "/token";

    public WireMockServer Mock => server;

    public static PartnerFhirServer Start()
    {
        var fhir = new PartnerFhirServer(WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] }));
        fhir.server
            .Given(Request.Create().WithPath("/token").UsingPost())
            .RespondWith(Response.Create()
                .WithStatusCode(200)
                .WithHeader("Content-Type", "application/json")
                .WithBody($"{{\"access_token\":\"{AccessToken}\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"{Scope}\"}}"));
        fhir.server
            .Given(Request.Create().WithPath("/fhir/Task").UsingPut())
            .AtPriority(100)
            .RespondWith(Response.Create()
                .WithStatusCode(200)
                .WithHeader("Content-Type", FhirJson)
                .WithHeader("ETag", "W/\"1\"")
                .WithBody(request => request.Body ?? "{}"));
        fhir.server
            .Given(Request.Create().WithPath("/fhir/DocumentReference").UsingPost())
            .AtPriority(100)
            .RespondWith(Response.Create()
                .WithStatusCode(201)
                .WithHeader("Location", fhir.BaseUrl + "DocumentReference/dr-5521/_history/1"));
        return fhir;
    }

    /// <summary>GET <c>/fhir/{path}</c> answers <paramref name="resource"/>.</summary>
    public void Serve(string path, JsonNode resource) =>
        server.Given(Request.Create().WithPath("/fhir/" + path).UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", FhirJson).WithBody(resource.ToJsonString()));

    /// <summary>GET <c>/fhir/{path}</c> answers <paramref name="status"/> with an OperationOutcome, every time.</summary>
    public void Fail(string path, int status) =>
        server.Given(Request.Create().WithPath("/fhir/" + path).UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", FhirJson).WithBody(Outcome("transient")));

    /// <summary>The next Task PUTs answer each of <paramref name="statuses"/> in turn (with its Retry-After), then 200 as usual.</summary>
    public void AnswerTaskPuts(params (int Status, string? RetryAfter)[] statuses) => AnswerInTurn("PUT", "/fhir/Task", statuses);

    /// <summary>The next <paramref name="method"/> requests on <paramref name="path"/> answer each of <paramref name="statuses"/> in turn, then as before.</summary>
    public void AnswerInTurn(string method, string path, params (int Status, string? RetryAfter)[] statuses)
    {
        var scenario = $"{method} {path}";
        for (var i = 0; i < statuses.Length; i++)
        {
            var (status, retryAfter) = statuses[i];
            var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", FhirJson).WithBody(Outcome(status == 400 ? "invalid" : "transient"));
            if (retryAfter is not null)
            {
                response = response.WithHeader("Retry-After", retryAfter);
            }

            var mapping = server.Given(Request.Create().WithPath(path).UsingMethod(method)).AtPriority(1).InScenario(scenario);
            mapping = i == 0 ? mapping : mapping.WhenStateIs("answered-" + i);
            mapping.WillSetStateTo("answered-" + (i + 1)).RespondWith(response);
        }
    }

    public IReadOnlyList<IRequestMessage> Requests => [.. server.LogEntries.Select(e => e.RequestMessage).OfType<IRequestMessage>().OrderBy(r => r.DateTime)];

    /// <summary>The requests with <paramref name="method"/> on <paramref name="path"/> (the path without query), in order.</summary>
    public IReadOnlyList<IRequestMessage> RequestsTo(string method, string path) =>
        [.. Requests.Where(r => r.Method == method && r.Path == path)];

    /// <summary>Waits (polling the request log, at most <paramref name="timeout"/>) until <paramref name="count"/> requests match.</summary>
    public async Task<IReadOnlyList<IRequestMessage>> WaitForAsync(string method, string path, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = RequestsTo(method, path);
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(found.Count >= count, $"expected {count} {method} {path}, saw {found.Count}; log: {string.Join(", ", Requests.Select(r => $"{r.Method} {r.Url}"))}");
                return found;
            }

            await Task.Delay(50);
        }
    }

    public static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    public static string? Query(IRequestMessage request, string name) =>
        request.Query?.FirstOrDefault(q => q.Key == name).Value?.FirstOrDefault();

    public static JsonObject BodyOf(IRequestMessage request) => JsonNode.Parse(request.Body!)!.AsObject();

    public void Dispose() => server.Stop();

    private static string Outcome(string code) =>
        $"{{\"resourceType\":\"OperationOutcome\",\"issue\":[{{\"severity\":\"error\",\"code\":\"{code}\"}}]}}";
}
