using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Hosting;

/// <summary>Operators keep the expert directory over HTTP with the same JSON and the same checks as <c>imebridge experts import</c>.</summary>
public sealed class OpsExpertsApiTests
{
    private const string OperatorToken = "ops-token-for-experts-0123456789abcdef";

    [Fact]
    public async Task The_sample_experts_are_imported_listed_read_and_removed()
    {
        await using var app = await StartAsync();
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Repository, "samples", "experts", "experts.json"));

        var imported = await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/experts", sample));
        var newYork = await (await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/experts?state=ny&specialty=207X00000X"))).ReadObjectAsync();
        var one = await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/experts/npi:1748512369"));
        var removed = await app.Client.SendAsync(Ops(HttpMethod.Delete, "/api/ops/experts/npi:1748512369"));
        var gone = await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/experts/npi:1748512369"));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(JsonNode.Parse(sample)!.AsArray().Count, (int)(await imported.ReadObjectAsync())["imported"]!);
        Assert.Contains(newYork["experts"]!.AsArray(), e => (string?)e!["expertId"] == "npi:1748512369");
        Assert.All(newYork["experts"]!.AsArray(), e => Assert.Contains("NY", e!["licensedStates"]!.AsArray().Select(s => (string?)s)));
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("Dana R. Whitfield, MD", (string?)(await one.ReadObjectAsync())["expert"]!["name"]);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_bad_expert_is_named_by_row_and_field_and_nothing_is_stored_unless_partial()
    {
        await using var app = await StartAsync();
        var experts = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Repository, "samples", "experts", "experts.json")))!.AsArray();
        experts[1]!["npi"] = "1234567890";
        var body = experts.ToJsonString();

        var refused = await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/experts", body));
        var problem = await refused.ReadObjectAsync();
        var listed = await (await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/experts"))).ReadObjectAsync();
        var partial = await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/experts?partial=true", body));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.StartsWith("[2].npi", StringComparison.Ordinal));
        Assert.Empty(listed["experts"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Equal(experts.Count - 1, (int)(await partial.ReadObjectAsync())["imported"]!);
    }

    [Fact]
    public async Task The_directory_needs_the_operator_token_and_json()
    {
        await using var app = await StartAsync();

        var noToken = await app.Client.PostAsync("/api/ops/experts", new StringContent("[]", Encoding.UTF8, "application/json"));
        var notJson = await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/experts", "npi,name", "text/csv"));

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
    }

    private static Task<TestApp> StartAsync() =>
        TestApp.StartAsync(settings: new Dictionary<string, string?> { ["operatorToken"] = OperatorToken });

    private static HttpRequestMessage Ops(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        return request;
    }
}
