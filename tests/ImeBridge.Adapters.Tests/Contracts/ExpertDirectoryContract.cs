using ImeBridge.Core.Experts;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Contracts;

/// <summary>
/// What every <see cref="IExpertDirectory"/> must do with the sample experts imported from CSV and JSON: read back,
/// looked up through the side tables, replaced and removed; subclass once per adapter.
/// </summary>
public abstract class ExpertDirectoryContract
{
    private const string Orthopaedics = "207X00000X";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    protected abstract Task<PortsDatabase> CreateDatabaseAsync();

    [Theory]
    [InlineData("experts.csv")]
    [InlineData("experts.json")]
    public async Task An_imported_sample_reads_back_exactly(string sample)
    {
        await using var database = await CreateDatabaseAsync();
        var directory = database.Open().Experts(new FakeTimeProvider(Now));
        var read = await ExpertSamples.ReadAsync(sample);

        var outcome = await ExpertImport.ImportAsync(directory, read, partial: false, CancellationToken.None);

        Assert.Equal(8, outcome.Imported);
        var stored = await directory.ListAsync(ExpertFilter.All, CancellationToken.None);
        Assert.Equal(read.Experts.OrderBy(e => e.ExpertId, StringComparer.Ordinal).Select(ExpertJson.Serialize), stored.Select(ExpertJson.Serialize));
        var whitfield = await directory.GetAsync("npi:1748512369", CancellationToken.None);
        Assert.Equal(ExpertJson.Serialize(read.Experts.Single(e => e.Npi == "1748512369")), ExpertJson.Serialize(whitfield!));
        Assert.Equal(1, await database.CountAsync("experts", $"npi = '1748512369' AND active AND updated_at = {database.Instant(Now)}"));
    }

    [Fact]
    public async Task Lookups_by_specialty_state_and_activity_use_the_side_tables()
    {
        await using var database = await CreateDatabaseAsync();
        var directory = await ImportedSampleAsync(database);

        Assert.Equal(["npi:1209475619", "npi:1748512369", "npi:1865240398"], await Ids(directory, new ExpertFilter(SpecialtyCode: Orthopaedics)));
        Assert.Equal(["npi:1209475619", "npi:1748512369"], await Ids(directory, new ExpertFilter(Orthopaedics, "NJ")));
        Assert.Equal(["npi:1748512369"], await Ids(directory, new ExpertFilter(Orthopaedics, "NJ", Active: true)));
        Assert.Equal(["npi:1582049361", "npi:1936187024"], await Ids(directory, new ExpertFilter(LicensedState: "tx")));
        Assert.Equal(["npi:1865240398"], await Ids(directory, new ExpertFilter("207XS0117X", "OH")));
        Assert.Equal(["npi:1209475619"], await Ids(directory, new ExpertFilter(Active: false)));
        Assert.Empty(await Ids(directory, new ExpertFilter(Orthopaedics, "CA")));
        Assert.Equal(11, await database.CountAsync("expert_licensed_states"));
        Assert.Equal(9, await database.CountAsync("expert_specialties"));
    }

    [Fact]
    public async Task An_upsert_replaces_the_expert_and_its_lookup_rows()
    {
        await using var database = await CreateDatabaseAsync();
        var directory = await ImportedSampleAsync(database);
        var whitfield = (await directory.GetAsync("npi:1748512369", CancellationToken.None))!;

        await directory.UpsertAsync([whitfield with { LicensedStates = ["CT"], Active = false }], CancellationToken.None);

        Assert.Empty(await Ids(directory, new ExpertFilter(LicensedState: "NY")));
        Assert.Equal(["npi:1748512369"], await Ids(directory, new ExpertFilter(LicensedState: "CT", Active: false)));
        Assert.Equal(8, await database.CountAsync("experts"));
        Assert.Equal(1, await database.CountAsync("expert_licensed_states", "expert_id = 'npi:1748512369'"));
    }

    [Fact]
    public async Task An_upsert_is_all_or_nothing_when_an_npi_belongs_to_another_id()
    {
        await using var database = await CreateDatabaseAsync();
        var directory = await ImportedSampleAsync(database);
        var raman = (await directory.GetAsync("npi:1582049361", CancellationToken.None))!;
        var newcomer = raman with { ExpertId = "npi:1629304787-x", Npi = "1629304787" };
        var renamed = raman with { Name = "Priya Raman-Iyer, MD" };

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => directory.UpsertAsync([renamed, newcomer], CancellationToken.None));

        Assert.Contains("npi:1629304787", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Priya Raman, MD", (await directory.GetAsync("npi:1582049361", CancellationToken.None))!.Name);
        Assert.Null(await directory.GetAsync("npi:1629304787-x", CancellationToken.None));
    }

    [Fact]
    public async Task Remove_deletes_the_expert_and_its_lookup_rows()
    {
        await using var database = await CreateDatabaseAsync();
        var directory = await ImportedSampleAsync(database);

        Assert.True(await directory.RemoveAsync("npi:1865240398", CancellationToken.None));
        Assert.False(await directory.RemoveAsync("npi:1865240398", CancellationToken.None));

        Assert.Null(await directory.GetAsync("npi:1865240398", CancellationToken.None));
        Assert.Equal(0, await database.CountAsync("expert_licensed_states", "expert_id = 'npi:1865240398'"));
        Assert.Equal(0, await database.CountAsync("expert_specialties", "expert_id = 'npi:1865240398'"));
        Assert.Equal(7, (await directory.ListAsync(ExpertFilter.All, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Experts_survive_reopening_the_database()
    {
        await using var database = await CreateDatabaseAsync();
        await ImportedSampleAsync(database);

        var reopened = (await database.ReopenAsync()).Experts(new FakeTimeProvider(Now));

        Assert.Equal(8, (await reopened.ListAsync(ExpertFilter.All, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task An_expert_changed_by_another_instance_reads_back_changed()
    {
        await using var database = await CreateDatabaseAsync();
        var directory = await ImportedSampleAsync(database);
        var other = database.Open().Experts(new FakeTimeProvider(Now.AddMinutes(1)));
        var whitfield = (await directory.GetAsync("npi:1748512369", CancellationToken.None))!;

        // The first instance has the expert parsed and cached; the other one changes it.
        await other.UpsertAsync([whitfield with { Active = false }], CancellationToken.None);

        Assert.False((await directory.GetAsync("npi:1748512369", CancellationToken.None))!.Active);
    }

    private static async Task<IExpertDirectory> ImportedSampleAsync(PortsDatabase database)
    {
        var directory = database.Open().Experts(new FakeTimeProvider(Now));
        await ExpertImport.ImportAsync(directory, await ExpertSamples.ReadAsync("experts.json"), partial: false, CancellationToken.None);
        return directory;
    }

    private static async Task<string[]> Ids(IExpertDirectory directory, ExpertFilter filter) =>
        [.. (await directory.ListAsync(filter, CancellationToken.None)).Select(e => e.ExpertId)];
}
