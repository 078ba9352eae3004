using System.Reflection;
using System.Text.RegularExpressions;
using ImeBridge.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions.Tests.Functions;

/// <summary>Every route <c>imebridge serve</c> maps is served by a function with the same method and path, and no more.</summary>
public sealed partial class RouteParityTests
{
    [Fact]
    public async Task The_functions_app_serves_exactly_the_routes_of_serve()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();
        app.MapImeBridgeApi();
        var serve = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => Route(m, e.RoutePattern.RawText!)))
            // serve's health route is /health; the Functions app's is /api/health (host.json's prefix).
            .Select(r => r == "GET /health" ? "GET /api/health" : r)
            .Order(StringComparer.Ordinal)
            .ToList();

        var functions = typeof(FunctionsComposition).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
            .OfType<HttpTriggerAttribute>()
            .SelectMany(trigger => (trigger.Methods ?? []).Select(m => Route(m, "/api/" + trigger.Route)))
            .Order(StringComparer.Ordinal);

        Assert.Contains("POST /api/twilio/sms", serve);
        Assert.Contains("POST /api/sendgrid/events", serve);
        Assert.Contains("GET /api/ops/alerts", serve);
        Assert.Equal(serve, functions);
    }

    private static string Route(string method, string pattern) =>
        method.ToUpperInvariant() + " " + Constraint().Replace(pattern.TrimEnd('/'), "}");

    [GeneratedRegex(@":[a-z]+\}")]
    private static partial Regex Constraint();
}
