using System.Reflection;
using System.Text.Json;
using ImeBridge.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions.Tests.Functions;

/// <summary>The documents routes in the Functions app: the same paths as <c>imebridge serve</c>, served by the shared API classes.</summary>
public sealed class DocumentsFunctionsTests
{
    public static TheoryData<string, string, string> Routes => new()
    {
        { nameof(ImeBridge.Functions.Documents.UploadAsync), "post", "/api/referrals/{referralId}/documents" },
        { nameof(ImeBridge.Functions.Documents.DownloadPacketAsync), "get", "/api/packets/{token}" },
        { nameof(ImeBridge.Functions.Documents.IssuePacketLinkAsync), "post", "/api/ops/referrals/{referralId}/packet-link" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void Each_documents_function_serves_its_route_anonymously(string method, string verb, string publicPath)
    {
        var trigger = typeof(ImeBridge.Functions.Documents).GetMethod(method)!.GetParameters()
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
            .Single(a => a is not null)!;

        Assert.Equal([verb], trigger.Methods ?? []);
        Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel);
        Assert.Equal(publicPath, "/" + RoutePrefix() + "/" + trigger.Route);
    }

    [Fact]
    public async Task The_worker_can_make_the_function_class_and_a_made_up_packet_token_gets_404()
    {
        await using var app = await FunctionsApp.StartAsync();

        var result = await app.ActivateAsync<ImeBridge.Functions.Documents, IResult>((function, services) =>
            function.DownloadPacketAsync(new DefaultHttpContext { RequestServices = services }.Request, "bm90LWEtdG9rZW4.c2lnbmF0dXJl", CancellationToken.None));

        Assert.Equal(StatusCodes.Status404NotFound, Assert.IsType<ProblemHttpResult>(result).StatusCode);
    }

    [Fact]
    public async Task An_upload_without_a_partner_token_is_refused()
    {
        await using var app = await FunctionsApp.StartAsync();

        var result = await app.ActivateAsync<ImeBridge.Functions.Documents, IResult>((function, services) =>
            function.UploadAsync(new DefaultHttpContext { RequestServices = services }.Request, "ref-1", CancellationToken.None));

        Assert.Equal(StatusCodes.Status401Unauthorized, (result as IStatusCodeHttpResult)?.StatusCode);
    }

    private static string RoutePrefix()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(RepositoryFolders.File("host.json")));
        return hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;
    }
}
