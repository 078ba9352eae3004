namespace ImeBridge.Cli.Tests.Support;

/// <summary>Finds the repository root (the folder holding <c>ImeBridge.sln</c> or <c>schemas/</c>) above the test binaries.</summary>
internal static class RepositoryFolders
{
    public static string Repository { get; } = FindRepository();

    public static string File(params string[] relative) => Path.Combine([Repository, .. relative]);

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "ImeBridge.sln")) || Directory.Exists(Path.Combine(dir.FullName, "schemas")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds ImeBridge.sln or schemas/.");
    }
}
