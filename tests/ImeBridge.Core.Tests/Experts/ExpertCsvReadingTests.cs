using ImeBridge.Core.Experts;
using static ImeBridge.Core.Tests.Experts.ExpertFiles;

namespace ImeBridge.Core.Tests.Experts;

public sealed class ExpertCsvReadingTests
{
    [Fact]
    public async Task The_sample_csv_reads_eight_experts_without_errors()
    {
        var read = await SampleCsv();

        Assert.Empty(read.Errors);
        Assert.Equal(8, read.RowCount);
        Assert.Equal(8, read.Experts.Count);
        Assert.All(read.Experts, e => Assert.True(ImeBridge.Core.Validation.Npi.IsValid(e.Npi)));
        Assert.Single(read.Experts, e => !e.Active);
        Assert.Contains(read.Experts, e => e.Languages.Contains("es"));
    }

    [Fact]
    public async Task Every_column_of_a_row_lands_in_the_expert()
    {
        var read = await SampleCsv();

        var spine = Assert.Single(read.Experts, e => e.Npi == "1865240398");
        Assert.Equal("npi:1865240398", spine.ExpertId);
        Assert.Equal("Gregory P. Szymanski, MD", spine.Name);
        Assert.Equal([new ExpertSpecialty("207XS0117X", "Orthopaedic Surgery of the Spine"), new ExpertSpecialty("207X00000X", "Orthopaedic Surgery")], spine.Specialties);
        Assert.Equal(["American Board of Orthopaedic Surgery"], spine.BoardCertifications);
        Assert.Equal(["PA", "OH"], spine.LicensedStates);
        Assert.Equal(new ExpertPractice("three-rivers-spine", "Three Rivers Spine Consultants"), spine.Practice);
        Assert.Equal(2, spine.Offices.Count);
        Assert.Equal(new ExpertOffice("beachwood", "25700 Science Park Drive, Suite 180", "Beachwood", "OH", "44122", 41.4659, -81.4937, "America/New_York"), spine.Offices[1]);
        Assert.Equal(["en", "pl"], spine.Languages);
        Assert.Equal(6, spine.CapacityPerDay);
        Assert.Equal([16, 14, 19, 15], spine.RecentTurnaroundDays);
        Assert.Equal(16, spine.TypicalTurnaroundDays());
        Assert.True(spine.Active);
    }

    [Fact]
    public async Task Blank_optional_cells_take_their_defaults()
    {
        var read = await Csv(Lines(
            "npi,name,specialties,licensedStates,officeLine1,officeCity,officeState,officePostalCode,active",
            $"{NpiA},Test Expert,207X00000X,ny,1 Main Street,Austin,TX,78701,"));

        var expert = Assert.Single(read.Experts);
        Assert.Empty(read.Errors);
        Assert.Equal("npi:" + NpiA, expert.ExpertId);
        Assert.Null(Assert.Single(expert.Specialties).Name);
        Assert.Equal(["NY"], expert.LicensedStates);
        Assert.True(expert.Active);
        Assert.Null(expert.Practice);
        Assert.Null(expert.CapacityPerDay);
        var office = Assert.Single(expert.Offices);
        Assert.Equal("office-1", office.Id);
        Assert.Equal("America/Chicago", office.TimeZone);
        Assert.Null(office.Latitude);
    }

    [Fact]
    public async Task Header_names_match_ignoring_case_and_language_tags_are_put_in_their_usual_case()
    {
        var read = await Csv(Lines(
            "NPI,Name,SPECIALTIES,licensedstates,Languages",
            $"{NpiA},Test Expert,207X00000X,NY,ES_mx|zh-hant-tw"));

        Assert.Empty(read.Errors);
        Assert.Equal(["es-MX", "zh-Hant-TW"], Assert.Single(read.Experts).Languages);
    }

    [Fact]
    public async Task A_slots_csv_adds_slots_to_the_experts_it_names_in_utc()
    {
        var read = await Csv(
            Lines(Header, Row(NpiA), Row(NpiB)),
            Lines(
                "npi,start,durationMinutes,officeId",
                $"{NpiA},2026-12-07T09:00:00-05:00,60,albany",
                $"{NpiB},2026-12-08T14:30Z,45,"));

        Assert.Empty(read.Errors);
        var first = Assert.Single(read.Experts[0].AvailabilitySlots);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 14, 0, 0, TimeSpan.Zero), first.Start);
        Assert.Equal(TimeSpan.Zero, first.Start.Offset);
        Assert.Equal(60, first.DurationMinutes);
        Assert.Equal("albany", first.OfficeId);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 15, 15, 0, TimeSpan.Zero), Assert.Single(read.Experts[1].AvailabilitySlots).End());
    }

    [Fact]
    public async Task Rows_are_numbered_from_the_first_data_row_and_blank_rows_are_skipped()
    {
        var read = await Csv(Lines(Header, Row(NpiA), ",,,,,,,,,,", Row("1234567890")));

        Assert.Equal(["experts.csv:3: npi: is not a valid NPI: the check digit does not match"], ErrorLines(read));
        Assert.Single(read.Experts);
    }
}
