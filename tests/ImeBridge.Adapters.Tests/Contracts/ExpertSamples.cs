using ImeBridge.Core.Experts;

namespace ImeBridge.Adapters.Tests.Contracts;

/// <summary>Reads the repository's samples/experts files.</summary>
internal static class ExpertSamples
{
    public static async Task<ExpertFileRead> ReadAsync(string name)
    {
        await using var file = File.OpenRead(Path(name));
        var read = name.EndsWith(".json", StringComparison.Ordinal)
            ? await ExpertImport.ReadJsonAsync(file, name, CancellationToken.None)
            : await ExpertImport.ReadCsvAsync(file, name, null, null, CancellationToken.None);
        Assert.Empty(read.Errors);
        return read;
    }

    private static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ImeBridge.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, "samples", "experts", name);
            }
        }

        throw new DirectoryNotFoundException("ImeBridge.sln not found above the test binaries.");
    }
}
