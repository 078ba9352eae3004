using ImeBridge.Core.Experts;
using static ImeBridge.Core.Tests.Experts.ExpertFiles;

namespace ImeBridge.Core.Tests.Experts;

/// <summary>A file with any error imports nothing, unless partial: then the good rows, in one upsert.</summary>
public sealed class ExpertImportModeTests
{
    [Fact]
    public async Task A_good_file_is_imported_in_one_upsert()
    {
        var directory = new InMemoryExpertDirectory();

        var outcome = await ExpertImport.ImportAsync(directory, await SampleCsv(), partial: false, CancellationToken.None);

        Assert.Equal(8, outcome.Imported);
        Assert.Empty(outcome.Errors);
        Assert.Equal(8, Assert.Single(directory.Upserts).Count);
    }

    [Fact]
    public async Task A_file_with_an_error_imports_nothing()
    {
        var directory = new InMemoryExpertDirectory();
        var read = await Csv(Lines(Header, Row(NpiA), Row(NpiB, states: "NY|QQ"), Row(NpiC)));

        var outcome = await ExpertImport.ImportAsync(directory, read, partial: false, CancellationToken.None);

        Assert.Equal(0, outcome.Imported);
        Assert.Equal(["experts.csv:2: licensedStates: item 2 is not a two-letter US state code"], outcome.Errors.Select(e => e.ToString()));
        Assert.Empty(directory.Upserts);
        Assert.Equal(3, read.RowCount);
        Assert.Equal(1, read.RejectedRows);
    }

    [Fact]
    public async Task Partial_imports_the_good_rows_and_lists_the_bad_ones()
    {
        var directory = new InMemoryExpertDirectory();
        var read = await Csv(Lines(Header, Row(NpiA), Row(NpiB, states: "NY|QQ"), Row(NpiC)));

        var outcome = await ExpertImport.ImportAsync(directory, read, partial: true, CancellationToken.None);

        Assert.Equal(2, outcome.Imported);
        Assert.Single(outcome.Errors);
        Assert.Equal(["npi:" + NpiA, "npi:" + NpiC], Assert.Single(directory.Upserts).Select(e => e.ExpertId));
        Assert.Null(await directory.GetAsync("npi:" + NpiB, CancellationToken.None));
    }

    [Fact]
    public async Task Partial_with_no_good_row_stores_nothing()
    {
        var directory = new InMemoryExpertDirectory();
        var read = await Csv(Lines(Header, Row("1748512368")));

        var outcome = await ExpertImport.ImportAsync(directory, read, partial: true, CancellationToken.None);

        Assert.Equal(0, outcome.Imported);
        Assert.Empty(directory.Upserts);
    }
}
