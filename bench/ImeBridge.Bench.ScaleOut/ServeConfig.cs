using System.Text.Json;
using Npgsql;

namespace ImeBridge.Bench.ScaleOut;

/// <summary>The configuration file of one serve process: the bench partner, the operator API, and the shared engines.</summary>
internal static class ServeConfig
{
    /// <summary>Connections each serve process may hold; three processes stay far below the cluster's limit.</summary>
    public const int MaxPoolSize = 20;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(string path, string postgresConnectionString, string serviceBusConnectionString, string queueName)
    {
        var postgres = new NpgsqlConnectionStringBuilder(postgresConnectionString) { MaxPoolSize = MaxPoolSize }.ConnectionString;
        var config = new Dictionary<string, object>
        {
            ["includeDemoPartner"] = false,
            ["operatorToken"] = BenchPartner.OperatorToken,
            ["partners"] = new[]
            {
                new { id = BenchPartner.Id, kind = BenchPartner.Kind, name = BenchPartner.Name, webhookSecret = BenchPartner.WebhookSecret, apiToken = BenchPartner.ApiToken },
            },
            ["postgres"] = new { connectionString = postgres },
            ["serviceBus"] = new { connectionString = serviceBusConnectionString, queueName },
            // Per-message information logs would cost the processes more than the bench measures.
            ["Logging"] = new { LogLevel = new Dictionary<string, string> { ["Default"] = "Warning" } },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(config, Indented));
        return path;
    }
}
