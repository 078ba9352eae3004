using Microsoft.Extensions.Configuration;

namespace ImeBridge.Functions;

/// <summary>
/// Where the embedded state lives under Functions: the <c>IMEBRIDGE_DATA</c> app setting, else
/// <c>$HOME/data/imebridge</c> (on Azure App Service plans <c>$HOME</c> is the persistent, shared folder).
/// </summary>
public static class FunctionsDataDirectory
{
    public const string SettingName = "IMEBRIDGE_DATA";

    public static string Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var home = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return Path.Combine(home, "data", "imebridge");
    }
}
