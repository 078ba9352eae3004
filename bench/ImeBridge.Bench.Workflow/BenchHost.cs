using ImeBridge.Core.Intake;
using ImeBridge.Core.Partners;
using ImeBridge.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Bench.Workflow;

/// <summary>The embedded bridge as <c>imebridge serve</c> composes it (SQLite, durable queue, local files), without HTTP.</summary>
internal static class BenchHost
{
    public const string PartnerId = "bench";

    public static readonly Partner Partner = new(PartnerId, "insurer", "Bench Mutual", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "bench-api-token-000000000000");

    public static async Task<IHost> StartAsync(string dataDirectory, bool runWorkflow)
    {
        Directory.CreateDirectory(dataDirectory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = dataDirectory, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["partners:0:id"] = Partner.Id,
            ["partners:0:kind"] = Partner.Kind,
            ["partners:0:name"] = Partner.Name,
            ["partners:0:webhookSecret"] = Partner.WebhookSecret,
            ["partners:0:apiToken"] = Partner.ApiToken,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Error);
        builder.AddImeBridge().UseEmbedded(dataDirectory, runQueuePump: runWorkflow);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static async Task<string> AcceptAsync(IServiceProvider services, byte[] body, int index)
    {
        await using var scope = services.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<ReferralIntake>();
        var result = await intake.AcceptJsonAsync(new IntakeRequest("webhook", PartnerId, $"bench-{index}", "application/json", body), Partner, CancellationToken.None);
        return result is IntakeAccepted accepted
            ? accepted.ReferralId
            : throw new InvalidOperationException("the bench referral was refused: " + string.Join("; ", ((IntakeRejected)result).Errors.Select(e => e.Path + " " + e.Reason)));
    }
}
