using System.Reflection;
using System.Text.Json;
using ImeBridge.Functions.Tests.Support;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions.Tests.Functions;

/// <summary>The Functions app serves CONTRACT.md's routes: host.json's <c>api</c> prefix + each trigger's route.</summary>
public sealed class FunctionRoutesTests
{
    public static TheoryData<Type, string, string> Routes => new()
    {
        { typeof(ReceivePartnerReferral), "post", "/api/partners/{partnerId}/referrals" },
        { typeof(GetReferral), "get", "/api/referrals/{referralId}" },
        { typeof(Health), "get", "/api/health" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void Each_function_serves_its_contract_route(Type functionClass, string method, string publicPath)
    {
        var function = functionClass.GetMethods().Single(m => m.GetCustomAttribute<FunctionAttribute>() is not null);
        var trigger = function.GetParameters()
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
            .Single(a => a is not null)!;

        Assert.Equal(functionClass.Name, function.GetCustomAttribute<FunctionAttribute>()!.Name);
        Assert.Equal([method], trigger.Methods ?? []);
        Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel);
        Assert.Equal(publicPath, "/" + RoutePrefix() + "/" + trigger.Route);
    }

    [Fact]
    public void Host_json_at_the_repository_root_is_version_2_with_the_api_prefix()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(RepositoryFolders.File("host.json")));

        Assert.Equal("2.0", hostJson.RootElement.GetProperty("version").GetString());
        Assert.Equal("api", RoutePrefix());
    }

    [Fact]
    public void The_local_settings_template_is_valid_json_for_the_isolated_worker()
    {
        using var template = JsonDocument.Parse(File.ReadAllText(RepositoryFolders.File("functions", "ImeBridge.Functions", "local.settings.json.template")));

        var values = template.RootElement.GetProperty("Values");
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.True(values.TryGetProperty(FunctionsDataDirectory.SettingName, out _));
    }

    private static string RoutePrefix()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(RepositoryFolders.File("host.json")));
        return hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;
    }
}
