namespace ImeBridge.Cli;

/// <summary>Where <c>imebridge serve</c> keeps its state: <c>--data</c>, else <c>IMEBRIDGE_DATA</c>, else <c>./.imebridge/</c>.</summary>
internal static class DataDirectory
{
    public const string EnvironmentVariable = "IMEBRIDGE_DATA";
    public const string DefaultFolderName = ".imebridge";

    public static string Resolve(string? option)
    {
        var chosen = option;
        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = DefaultFolderName;
        }

        try
        {
            var fullPath = Path.GetFullPath(chosen);
            Directory.CreateDirectory(fullPath);
            return fullPath;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"data folder '{chosen}' cannot be used: {ex.Message}", ex);
        }
    }
}
