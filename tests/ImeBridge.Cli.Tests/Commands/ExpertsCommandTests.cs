using ImeBridge.Cli.Tests.Support;

namespace ImeBridge.Cli.Tests.Commands;

/// <summary><c>imebridge experts import | list</c> on a fresh data folder, run as the real CLI.</summary>
public sealed class ExpertsCommandTests : IDisposable
{
    private const string SampleCsv = "samples/experts/experts.csv";
    private const string SampleJson = "samples/experts/experts.json";
    private readonly TempDirectory data = new();

    public void Dispose() => data.Dispose();

    [Theory]
    [InlineData(SampleCsv)]
    [InlineData(SampleJson)]
    public async Task A_sample_is_imported_and_listed_one_line_per_expert(string sample)
    {
        var imported = await Experts("import", sample);
        var listed = await Experts("list");

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Equal(["imported 8 experts"], imported.StdoutLines);
        Assert.Empty(imported.Stderr);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal(8, listed.StdoutLines.Length);
        Assert.Contains("npi:1748512369  Dana R. Whitfield, MD  207X00000X  NY,NJ", listed.StdoutLines);
        Assert.Contains("npi:1209475619  Robert A. Castellano, DO  207X00000X  NJ  inactive", listed.StdoutLines);
    }

    [Fact]
    public async Task List_narrows_by_specialty_and_state()
    {
        await Experts("import", SampleJson);

        var orthopaedicsInNj = await Experts("list", "--specialty", "207X00000X", "--state", "nj");
        var texas = await Experts("list", "--state", "TX");
        var activeNj = await Experts("list", "--state", "NJ", "--active");

        Assert.Equal(
            ["npi:1209475619  Robert A. Castellano, DO  207X00000X  NJ  inactive", "npi:1748512369  Dana R. Whitfield, MD  207X00000X  NY,NJ"],
            orthopaedicsInNj.StdoutLines);
        Assert.Equal(["npi:1582049361", "npi:1936187024"], texas.StdoutLines.Select(l => l.Split("  ")[0]));
        Assert.Equal(["npi:1748512369"], activeNj.StdoutLines.Select(l => l.Split("  ")[0]));
    }

    [Fact]
    public async Task A_file_with_errors_imports_nothing_and_lists_each_error_then_partial_imports_the_good_rows()
    {
        var file = data.File("experts.csv");
        await File.WriteAllTextAsync(file, string.Join('\n',
            "npi,name,specialties,licensedStates,officeLine1,officeCity,officeState,officePostalCode,officeTimeZone",
            "1748512369,Good Expert,207X00000X,NY,1 Main Street,Albany,NY,12207,America/New_York",
            "1748512368,Bad Npi,207X00000X,NY,,,,,",
            "1629304787,Bad Zone,207X00000X,NY,1 Main Street,Albany,NY,12207,America/Atlantis",
            "1748512369,Repeated,207X00000X,NY,,,,,") + "\n");

        var strict = await Experts("import", file);
        var listedAfterStrict = await Experts("list");
        var partial = await Experts("import", file, "--partial");
        var listedAfterPartial = await Experts("list");

        Assert.True(strict.ExitCode == 1, strict.ToString());
        Assert.Empty(strict.Stdout);
        Assert.Equal(
            [
                $"{file}:2: npi: is not a valid NPI: the check digit does not match",
                $"{file}:3: officeTimeZone: is not a time zone this system knows (use an IANA id such as America/New_York)",
                $"{file}:4: npi: is the same NPI as row 1; an expert appears once per file",
                "imebridge experts import: nothing imported: 3 of 4 rows refused (--partial imports the good ones).",
            ],
            strict.StderrLines);
        Assert.Empty(listedAfterStrict.StdoutLines);
        Assert.True(partial.ExitCode == 1, partial.ToString());
        Assert.Equal(["imported 1 experts"], partial.StdoutLines);
        Assert.Equal(3, partial.StderrLines.Length);
        Assert.Equal(["npi:1748512369  Good Expert  207X00000X  NY"], listedAfterPartial.StdoutLines);
        Assert.DoesNotContain("Bad Npi", strict.Stderr + partial.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slots_csv_goes_with_a_csv_import()
    {
        var slots = data.File("slots.csv");
        await File.WriteAllTextAsync(slots, "npi,start,durationMinutes,officeId\n1748512369,2026-12-07T09:00:00-05:00,60,nyc-57th\n");

        var imported = await Experts("import", SampleCsv, "--slots", slots);

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Equal(["imported 8 experts"], imported.StdoutLines);
    }

    [Theory]
    [InlineData("import", "samples/experts/missing.csv")]
    [InlineData("list", "--state", "XX")]
    [InlineData("import")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var run = await Experts(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Stdout);
    }

    private Task<CliRun> Experts(params string[] args) =>
        ImeBridgeCli.RunAsync(["experts", .. args, "--data", data.Path]);
}
