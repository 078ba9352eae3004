using static ImeBridge.Core.Tests.Experts.ExpertFiles;

namespace ImeBridge.Core.Tests.Experts;

/// <summary>Each rule, in CSV and JSON: the error names the row and the column (or path) and says why, never the value.</summary>
public sealed class ExpertValidationTests
{
    [Theory]
    [InlineData("1748512368", "npi: is not a valid NPI: the check digit does not match")]
    [InlineData("174851236", "npi: must be 10 digits")]
    [InlineData("17485123AB", "npi: must be 10 digits")]
    public async Task A_bad_npi_is_refused(string npi, string expected)
    {
        var read = await Csv(Lines(Header, Row(NpiA), Row(npi)));

        Assert.Equal([$"experts.csv:2: {expected}"], ErrorLines(read));
        Assert.DoesNotContain(npi, read.Errors.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_state_is_refused_naming_the_item()
    {
        var read = await Csv(Lines(Header, Row(NpiA, states: "NY|XX")));

        Assert.Equal(["experts.csv:1: licensedStates: item 2 is not a two-letter US state code"], ErrorLines(read));
    }

    [Theory]
    [InlineData("207x00000X")]
    [InlineData("207X00000")]
    [InlineData("20X700000X")]
    [InlineData("207X000000X")]
    public async Task A_taxonomy_code_of_the_wrong_shape_is_refused(string code)
    {
        var read = await Csv(Lines(Header, Row(NpiA, specialties: $"207X00000X Orthopaedic Surgery|{code} Something")));

        Assert.Equal(["experts.csv:1: specialties: item 2 is not a NUCC taxonomy code (3 digits, 6 digits or capital letters, then X, e.g. 207X00000X)"], ErrorLines(read));
    }

    [Theory]
    [InlineData("english")]
    [InlineData("e")]
    [InlineData("en-United")]
    public async Task A_bad_language_tag_is_refused(string tag)
    {
        var read = await Csv(Lines(Header, Row(NpiA, languages: $"en|{tag}")));

        Assert.Equal(["experts.csv:1: languages: item 2 is not a BCP-47 language tag (en, es, en-US, zh-Hant-TW)"], ErrorLines(read));
    }

    [Theory]
    [InlineData("Eastern Standard Time", "must be an IANA time zone id such as America/New_York")]
    [InlineData("EST5EDT", "must be an IANA time zone id such as America/New_York")]
    [InlineData("America/Atlantis", "is not a time zone this system knows (use an IANA id such as America/New_York)")]
    public async Task A_bad_time_zone_is_refused(string zone, string expected)
    {
        var read = await Csv(Lines(Header, Row(NpiA, timeZone: zone)));

        Assert.Equal([$"experts.csv:1: officeTimeZone: {expected}"], ErrorLines(read));
    }

    [Fact]
    public async Task A_repeated_npi_is_refused_on_the_later_row_naming_the_first()
    {
        var read = await Csv(Lines(Header, Row(NpiA), Row(NpiB), Row(NpiA, name: "Someone Else")));

        Assert.Equal(["experts.csv:3: npi: is the same NPI as row 1; an expert appears once per file"], ErrorLines(read));
        Assert.Equal(2, read.Experts.Count);
    }

    [Fact]
    public async Task Required_values_are_named_when_blank()
    {
        var read = await Csv(Lines(Header, $"{NpiA},,,,en,,,,,,"));

        Assert.Equal(
            [
                "experts.csv:1: name: is required",
                "experts.csv:1: specialties: needs at least one NUCC taxonomy code",
                "experts.csv:1: licensedStates: needs at least one two-letter US state",
            ],
            ErrorLines(read));
    }

    [Fact]
    public async Task Office_values_are_checked_column_by_column()
    {
        var read = await Csv(Lines(
            "npi,name,specialties,licensedStates,officeLine1,officeCity,officeState,officePostalCode,officeLatitude,office2Line1,office2City,office2State,office2PostalCode",
            $"{NpiA},Test Expert,207X00000X,NY,1 Main Street,Albany,QQ,1220,91.5,,Troy,NY,12180"));

        Assert.Equal(
            [
                "experts.csv:1: officeState: is not a two-letter US state code",
                "experts.csv:1: officePostalCode: must be a US ZIP code, 12345 or 12345-6789",
                "experts.csv:1: officeLongitude: is required when the other coordinate is given",
                "experts.csv:1: officeLatitude: must be between -90 and 90",
                "experts.csv:1: office2Line1: is required for an office",
            ],
            ErrorLines(read));
    }

    [Fact]
    public async Task Offices_are_numbered_without_gaps()
    {
        var read = await Csv(Lines(
            "npi,name,specialties,licensedStates,officeLine1,officeCity,officeState,officePostalCode,office3Line1,office3City,office3State,office3PostalCode",
            $"{NpiA},Test Expert,207X00000X,NY,1 Main Street,Albany,NY,12207,2 Main Street,Troy,NY,12180"));

        Assert.Equal(["experts.csv:1: office3Line1: belongs to an office after an empty one; number offices without gaps (office, office2, office3, …)"], ErrorLines(read));
    }

    [Fact]
    public async Task Numbers_and_flags_that_do_not_parse_are_named()
    {
        var read = await Csv(Lines(
            "npi,name,specialties,licensedStates,capacityPerDay,turnaroundDays,averageTurnaroundDays,active",
            $"{NpiA},Test Expert,207X00000X,NY,six,12|x|9,1e999,maybe"));

        Assert.Equal(
            [
                "experts.csv:1: capacityPerDay: must be a whole number",
                "experts.csv:1: averageTurnaroundDays: must be a number written with a dot for decimals",
                "experts.csv:1: active: must be true or false (yes/no, 1/0 also work)",
                "experts.csv:1: turnaroundDays: item 2 must be a whole number",
            ],
            ErrorLines(read));
    }

    [Fact]
    public async Task Header_problems_are_errors_of_the_whole_file()
    {
        var read = await Csv(Lines("npi,name,specialty,npi", $"{NpiA},Test Expert,207X00000X,{NpiA}"));

        Assert.Equal(
            [
                "experts.csv: specialty: is not a known column (see docs/experts.md)",
                "experts.csv: npi: appears twice in the header",
                "experts.csv: specialties: is a required column and is missing from the header",
                "experts.csv: licensedStates: is a required column and is missing from the header",
            ],
            ErrorLines(read));
        Assert.Empty(read.Experts);
    }

    [Fact]
    public async Task Slot_rows_are_checked_and_named_in_the_slots_file()
    {
        var read = await Csv(
            Lines(Header, Row(NpiA), Row("1748512368")),
            Lines(
                "npi,start,durationMinutes,officeId",
                $"{NpiA},2026-12-07T09:00:00,60,albany",
                $"{NpiA},2026-12-07T09:00:00Z,2000,albany",
                $"{NpiA},2026-12-07T09:00:00Z,60,nowhere",
                $"{NpiC},2026-12-07T09:00:00Z,60,albany",
                "1748512368,2026-12-07T09:00:00Z,60,albany"));

        Assert.Equal(
            [
                "experts.csv:2: npi: is not a valid NPI: the check digit does not match",
                "slots.csv:1: start: must be an ISO-8601 instant with Z or an offset, e.g. 2026-12-01T14:00:00Z or 2026-12-01T09:00:00-05:00",
                "slots.csv:2: durationMinutes: must be a whole number of minutes from 5 to 1440",
                "slots.csv:3: officeId: is not the id of one of the expert's offices",
                "slots.csv:4: npi: matches no expert of the experts file",
                "slots.csv:5: npi: belongs to the expert of row 2 of the experts file, which has errors",
            ],
            ErrorLines(read));
        Assert.Empty(Assert.Single(read.Experts).AvailabilitySlots);
    }

    [Fact]
    public async Task Json_errors_name_the_array_position_and_the_path()
    {
        var read = await JsonText($$"""
            [
              {"npi": "{{NpiA}}", "name": "Good", "specialties": [{"code": "207X00000X"}], "licensedStates": ["NY"]},
              {"npi": "1748512368", "name": "Bad", "specialties": [{"code": "207X00000X"}, {"code": "bad"}], "licensedStates": ["NY", "ZZ"],
               "languages": ["en", "not a tag"],
               "offices": [{"id": "a", "line1": "1 Main St", "city": "Albany", "state": "NY", "postalCode": "12207", "timeZone": "Mars/Olympus"}],
               "availabilitySlots": [{"start": "2026-12-07T09:00:00Z", "durationMinutes": 60, "officeId": "b"}]},
              {"npi": "{{NpiB}}", "name": "Typed", "specialties": [], "licensedStates": ["NY"], "capacityPerDay": "six"},
              {"npi": "{{NpiC}}", "name": "Unknown field", "specialties": [{"code": "207X00000X"}], "licensedStates": ["NY"], "speciality": "x"},
              {"npi": "{{NpiA}}", "name": "Repeated", "specialties": [{"code": "207X00000X"}], "licensedStates": ["NY"]}
            ]
            """);

        Assert.Equal(
            [
                "experts.json:2: npi: is not a valid NPI: the check digit does not match",
                "experts.json:2: specialties[1].code: is not a NUCC taxonomy code (3 digits, 6 digits or capital letters, then X, e.g. 207X00000X)",
                "experts.json:2: licensedStates[1]: is not a two-letter US state code",
                "experts.json:2: languages[1]: is not a BCP-47 language tag (en, es, en-US, zh-Hant-TW)",
                "experts.json:2: offices[0].timeZone: is not a time zone this system knows (use an IANA id such as America/New_York)",
                "experts.json:2: availabilitySlots[0].officeId: is not the id of one of the expert's offices",
                "experts.json:3: capacityPerDay: is not a known field or has the wrong JSON type (see docs/experts.md)",
                "experts.json:4: speciality: is not a known field or has the wrong JSON type (see docs/experts.md)",
                "experts.json:5: npi: is the same NPI as row 1; an expert appears once per file",
            ],
            ErrorLines(read));
        Assert.Equal("Good", Assert.Single(read.Experts).Name);
    }

    [Theory]
    [InlineData("{\"npi\": 1}", "experts.json: must be a JSON array of experts")]
    [InlineData("[{", "experts.json: is not valid JSON")]
    public async Task A_json_file_that_is_not_an_array_of_objects_is_refused_as_a_whole(string text, string expected)
    {
        var read = await JsonText(text);

        Assert.Equal([expected], ErrorLines(read));
    }

    [Fact]
    public async Task No_reason_quotes_a_submitted_value()
    {
        const string Marker = "Zyxwvut";
        var read = await Csv(Lines(
            "npi,name,specialties,licensedStates,languages,officeLine1,officeCity,officeState,officePostalCode,officeTimeZone,capacityPerDay",
            $"{Marker},{Marker},{Marker},{Marker},{Marker},{Marker},{Marker},{Marker},{Marker},America/{Marker},{Marker}"));

        Assert.NotEmpty(read.Errors);
        Assert.All(read.Errors, e => Assert.DoesNotContain(Marker, e.ToString(), StringComparison.OrdinalIgnoreCase));
    }
}
