namespace ImeBridge.Testing;

/// <summary>Finds the repository and the shared corpus by walking up from the test binaries.</summary>
public static class RepositoryFolders
{
    /// <summary>The folder holding <c>ImeBridge.sln</c>.</summary>
    public static string Repository { get; } = FindUpward(dir => System.IO.File.Exists(Path.Combine(dir, "ImeBridge.sln")), "ImeBridge.sln");

    /// <summary><c>&lt;repo&gt;/../shared/corpus</c>: public data files, read as they are and never changed.</summary>
    public static string Corpus { get; } = Path.Combine(
        FindUpward(dir => Directory.Exists(Path.Combine(dir, "shared", "corpus")), "shared/corpus"),
        "shared",
        "corpus");

    /// <summary>A path inside the repository.</summary>
    public static string File(params string[] relative) => Path.Combine([Repository, .. relative]);

    private static string FindUpward(Func<string, bool> isIt, string what)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (isIt(dir.FullName))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains {what}.");
    }
}
