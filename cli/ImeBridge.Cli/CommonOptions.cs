using System.CommandLine;
using ImeBridge.Hosting;

namespace ImeBridge.Cli;

/// <summary>The options several commands share, with the same names, defaults and help everywhere.</summary>
internal static class CommonOptions
{
    public const string DefaultServerUrl = "http://127.0.0.1:7071";

    public static Option<string?> Config(string purpose) => new("--config")
    {
        Description = "A JSON configuration file: {\"partners\": [{\"id\", \"kind\", \"name\", \"webhookSecret\", \"apiToken\"}]}. " + purpose,
        HelpName = "FILE",
    };

    public static Option<string> Partner(string purpose) => new("--partner")
    {
        Description = $"The partner id. '{DemoPartner.Id}' (built in, development only) or one from --config. " + purpose,
        HelpName = "ID",
        DefaultValueFactory = _ => DemoPartner.Id,
    };

    public static Option<string> ServerUrl() => new("--url")
    {
        Description = "Base URL of a running `imebridge serve` (or of the Functions app, without the /api suffix).",
        HelpName = "BASE",
        DefaultValueFactory = _ => DefaultServerUrl,
    };

    public static Option<string?> Data(string purpose) => new("--data")
    {
        Description = $"The data folder of `imebridge serve`. Default: ${DataDirectory.EnvironmentVariable}, else ./{DataDirectory.DefaultFolderName}/. " + purpose,
        HelpName = "DIR",
    };
}
