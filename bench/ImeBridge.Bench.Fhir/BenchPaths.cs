namespace ImeBridge.Bench.Fhir;

/// <summary>Finds the repository (by ImeBridge.sln) and the shared FHIR corpus from the benchmark binaries.</summary>
internal static class BenchPaths
{
    /// <summary>Set this to the fhir-r4 corpus folder when the repository is not beside <c>shared/</c> (a copy in /tmp, say).</summary>
    public const string CorpusVariable = "IMEBRIDGE_FHIR_CORPUS";

    public static string RepositoryRoot() =>
        Ancestors().FirstOrDefault(dir => File.Exists(Path.Combine(dir, "ImeBridge.sln")))
        ?? throw new DirectoryNotFoundException("ImeBridge.sln was not found above the benchmark binaries");

    /// <summary>$IMEBRIDGE_FHIR_CORPUS, else shared/corpus/fhir-r4 beside the repository, as the FHIR tests find it.</summary>
    public static string CorpusRoot()
    {
        if (Environment.GetEnvironmentVariable(CorpusVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        return Ancestors().Select(dir => Path.Combine(dir, "shared", "corpus", "fhir-r4")).FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException($"shared/corpus/fhir-r4 was not found above the benchmark binaries; set {CorpusVariable}");
    }

    private static IEnumerable<string> Ancestors()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
        }
    }
}
