using System.Text.Json;
using ImeBridge.Hosting;
using Microsoft.Extensions.Configuration;

namespace ImeBridge.Cli;

/// <summary>
/// Reads a <c>--config</c> file (CONTRACT.md's shape) and checks it the way the server will at start-up, so a
/// mistake is reported as one line naming the file and the problem instead of a stack trace.
/// </summary>
internal static class ConfigFile
{
    /// <param name="includeDemoPartnerByDefault">The value of <c>includeDemoPartner</c> when the file does not set it.</param>
    public static ImeBridgeOptions Load(string path, bool includeDemoPartnerByDefault)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new UsageException($"config file '{path}': no such file.");
        }

        CheckIsJsonObject(path, fullPath);
        var options = new ImeBridgeOptions { IncludeDemoPartner = includeDemoPartnerByDefault };
        try
        {
            new ConfigurationBuilder().AddJsonFile(fullPath, optional: false, reloadOnChange: false).Build().Bind(options);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or InvalidOperationException)
        {
            throw new UsageException($"config file '{path}': {ex.Message}", ex);
        }

        var validation = new ImeBridgeOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new UsageException($"config file '{path}': {string.Join(" ", validation.Failures ?? [])}");
        }

        return options;
    }

    private static void CheckIsJsonObject(string path, string fullPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(fullPath), new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException($"config file '{path}': must be a JSON object such as {{\"partners\": [...]}}.");
            }

            if (document.RootElement.TryGetProperty("partners", out var partners) && partners.ValueKind != JsonValueKind.Array)
            {
                throw new UsageException($"config file '{path}': \"partners\" must be an array.");
            }
        }
        catch (JsonException malformed)
        {
            throw new UsageException(
                $"config file '{path}': not valid JSON (line {(malformed.LineNumber ?? 0) + 1}, byte {(malformed.BytePositionInLine ?? 0) + 1}).",
                malformed);
        }
        catch (IOException unreadable)
        {
            throw new UsageException($"config file '{path}': cannot be read ({unreadable.Message}).", unreadable);
        }
    }
}
