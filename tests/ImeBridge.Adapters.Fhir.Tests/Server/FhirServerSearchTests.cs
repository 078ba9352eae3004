using WireMock.RequestBuilders;
using static ImeBridge.Adapters.Fhir.Tests.Server.FhirServerHarness;

namespace ImeBridge.Adapters.Fhir.Tests.Server;

public sealed class FhirServerSearchTests
{
    [Fact]
    public async Task A_search_follows_next_links_through_three_pages()
    {
        using var harness = Start();
        var baseUrl = harness.Client.BaseUrl.AbsoluteUri;
        ServePage(harness, "/r4/ServiceRequest", "status", "active", "sr-1", $"{baseUrl}?_getpages=q1&_getpagesoffset=1");
        ServePage(harness, "/r4/", "_getpagesoffset", "1", "sr-2", $"{baseUrl}?_getpages=q1&_getpagesoffset=2");
        ServePage(harness, "/r4/", "_getpagesoffset", "2", "sr-3", next: null);

        var ids = new List<string>();
        await foreach (var bundle in harness.Client.SearchAsync("ServiceRequest", [new("status", "active"), new("_count", "1")], maxPages: 10, CancellationToken.None))
        {
            ids.AddRange(bundle.Entry.Select(e => e.Resource!.Id!));
        }

        Assert.Equal(["sr-1", "sr-2", "sr-3"], ids);
        var first = Assert.Single(harness.Requests("/r4/ServiceRequest"));
        Assert.Equal("active", first.RequestMessage!.Query!["status"].Single());
        Assert.Equal("1", first.RequestMessage.Query["_count"].Single());
    }

    [Fact]
    public async Task A_search_stops_at_maxPages()
    {
        using var harness = Start();
        var baseUrl = harness.Client.BaseUrl.AbsoluteUri;
        ServePage(harness, "/r4/ServiceRequest", "status", "active", "sr-1", $"{baseUrl}?_getpages=q1&_getpagesoffset=1");
        ServePage(harness, "/r4/", "_getpagesoffset", "1", "sr-2", $"{baseUrl}?_getpages=q1&_getpagesoffset=2");

        var pages = 0;
        await foreach (var _ in harness.Client.SearchAsync("ServiceRequest", [new("status", "active")], maxPages: 2, CancellationToken.None))
        {
            pages++;
        }

        Assert.Equal(2, pages);
        Assert.Single(harness.Requests("/r4/"));
    }

    [Fact]
    public async Task A_next_link_to_another_host_is_not_followed()
    {
        using var harness = Start();
        ServePage(harness, "/r4/ServiceRequest", "status", "active", "sr-1", "https://collector.evil.example/r4/ServiceRequest?page=2");

        var pages = 0;
        await foreach (var _ in harness.Client.SearchAsync("ServiceRequest", [new("status", "active")], maxPages: 10, CancellationToken.None))
        {
            pages++;
        }

        Assert.Equal(1, pages);
        Assert.Single(harness.Mock.LogEntries);
        Assert.Contains(harness.Logs.Lines, line => line.Contains("next page link is not under the base URL"));
    }

    private static void ServePage(FhirServerHarness harness, string path, string param, string value, string id, string? next)
    {
        var link = next is null ? string.Empty : $$""","link":[{"relation":"next","url":"{{next}}"}]""";
        var request = $$$"""{"resourceType":"ServiceRequest","id":"{{{id}}}","status":"active","intent":"order","subject":{"reference":"Patient/1"}}""";
        var bundle = $$"""{"resourceType":"Bundle","type":"searchset"{{link}},"entry":[{"resource":{{request}}}]}""";
        harness.Mock.Given(Request.Create().WithPath(path).WithParam(param, value).UsingGet()).RespondWith(FhirAnswer(bundle));
    }
}
