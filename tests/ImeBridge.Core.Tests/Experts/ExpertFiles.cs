using System.Text;
using ImeBridge.Core.Experts;

namespace ImeBridge.Core.Tests.Experts;

/// <summary>Reads expert files from strings and the repository's samples.</summary>
internal static class ExpertFiles
{
    public const string Header = "npi,name,specialties,licensedStates,languages,officeId,officeLine1,officeCity,officeState,officePostalCode,officeTimeZone";

    /// <summary>Valid NPIs (Luhn over 80840 + the first nine digits).</summary>
    public const string NpiA = "1748512369";
    public const string NpiB = "1629304787";
    public const string NpiC = "1582049361";

    public static string SamplePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImeBridge.sln")))
            {
                return Path.Combine(dir.FullName, "samples", "experts", name);
            }
        }

        throw new DirectoryNotFoundException("ImeBridge.sln not found above the test binaries.");
    }

    public static Task<ExpertFileRead> Csv(string text, string? slots = null) =>
        ExpertImport.ReadCsvAsync(Stream(text), "experts.csv", slots is null ? null : Stream(slots), slots is null ? null : "slots.csv", CancellationToken.None);

    public static Task<ExpertFileRead> JsonText(string text) =>
        ExpertImport.ReadJsonAsync(Stream(text), "experts.json", CancellationToken.None);

    public static async Task<ExpertFileRead> SampleCsv()
    {
        await using var file = File.OpenRead(SamplePath("experts.csv"));
        return await ExpertImport.ReadCsvAsync(file, "experts.csv", null, null, CancellationToken.None);
    }

    public static async Task<ExpertFileRead> SampleJson()
    {
        await using var file = File.OpenRead(SamplePath("experts.json"));
        return await ExpertImport.ReadJsonAsync(file, "experts.json", CancellationToken.None);
    }

    /// <summary>A good CSV row for <paramref name="npi"/>, with one office in Albany.</summary>
    public static string Row(string npi, string name = "Test Expert, MD", string specialties = "207X00000X Orthopaedic Surgery", string states = "NY|NJ", string languages = "en|es", string timeZone = "America/New_York") =>
        $"{npi},\"{name}\",{specialties},{states},{languages},albany,1 Main Street,Albany,NY,12207,{timeZone}";

    public static string Lines(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    public static IEnumerable<string> ErrorLines(ExpertFileRead read) => read.Errors.Select(e => e.ToString());

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
