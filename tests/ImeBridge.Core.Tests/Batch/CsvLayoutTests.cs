using ImeBridge.Core.Batch;
using ImeBridge.Core.Tests.Support;

namespace ImeBridge.Core.Tests.Batch;

public sealed class CsvLayoutTests
{
    private const string PartnerHeader = "Claim #;Ref;Surname;Given Name;DOB;Gender;Line;State;Injury Date;Questions;Interpreter";

    [Fact]
    public async Task A_partner_layout_maps_columns_values_defaults_and_dates()
    {
        var csv = PartnerHeader + "\r\n"
            + "C-100;R-1;Rivers;Dana;07/14/1981;F;WC;ny;2/9/2026;Causation? / MMI?;Y\r\n";
        var kit = new BatchKit();

        var (summary, ack) = await kit.RunAsync(BatchKit.Utf8(csv), layout: Layout());

        Assert.Equal(new BatchSummary(1, 1, 0, 0), summary);
        var referral = (await kit.Store.GetAsync(ack.Row(1).ReferralId!, default))!.Referral;
        Assert.Equal("R-1", referral.Source.ExternalId);
        Assert.Equal("C-100", referral.Claim.ClaimNumber);
        Assert.Equal("female", referral.Claimant.Sex);
        Assert.Equal("workersComp", referral.Claim.LineOfBusiness);
        Assert.Equal("NY", referral.Claim.Jurisdiction);
        Assert.Equal(new DateOnly(1981, 7, 14), referral.Claimant.DateOfBirth);
        Assert.Equal(new DateOnly(2026, 2, 9), referral.Claim.DateOfInjury);
        Assert.Equal("recordsReview", referral.Request.ExamType);
        Assert.Equal("attorney", referral.Referrer.Kind);
        Assert.True(referral.Claimant.InterpreterNeeded);
        Assert.Equal(["Causation?", "MMI?"], referral.Request.Questions.Select(q => q.Text));
    }

    [Fact]
    public async Task A_value_outside_the_map_and_a_date_outside_the_format_reject_the_row_naming_the_field_not_the_value()
    {
        var csv = PartnerHeader + "\r\n"
            + "C-100;R-1;Rivers;Dana;1981-07-14;X;WC;NY;2/9/2026;;N\r\n"
            + "C-101;R-2;Rivers;Dana;07/14/1981;M;WC;NY;02/09/2026;;N\r\n";
        var kit = new BatchKit();

        var (summary, ack) = await kit.RunAsync(BatchKit.Utf8(csv), layout: Layout());

        Assert.Equal(new BatchSummary(2, 1, 0, 1), summary);
        var rejected = ack.Row(1);
        Assert.Equal(["claimant.dateOfBirth", "claimant.sex"], rejected.Errors.Select(e => e.Path).Order());
        Assert.Contains("MM/dd/yyyy", rejected.Errors.ReasonAt("claimant.dateOfBirth"), StringComparison.Ordinal);
        Assert.DoesNotContain("1981", rejected.Errors.ReasonAt("claimant.dateOfBirth"), StringComparison.Ordinal);
        Assert.Contains("does not map", rejected.Errors.ReasonAt("claimant.sex"), StringComparison.Ordinal);

        var kept = await kit.Store.GetRejectionAsync(rejected.RejectionId!, default);
        var original = System.Text.Encoding.UTF8.GetString((await kit.Store.ReadOriginalAsync(kept!.Original!, default))!);
        Assert.Contains("\"dateOfBirth\":\"1981-07-14\"", original, StringComparison.Ordinal);
        Assert.NotNull(ack.Row(2).ReferralId);
    }

    [Fact]
    public async Task Positions_let_several_columns_fill_one_list()
    {
        var layout = new CsvLayout
        {
            Columns =
            {
                ["request.questions[0]"] = "Q1",
                ["request.questions[1]"] = "Q2",
                ["parties[0].role"] = "Attorney Role",
                ["parties[0].name"] = "Attorney",
            },
        };
        var csv = CanonicalCsv.Header.Replace(",request.questions", ",Q1,Q2,Attorney Role,Attorney", StringComparison.Ordinal) + "\r\n"
            + "EXT-1,Dana,Rivers,1980-01-15,WC-1,workersComp,NY,2026-02-09,ime,,Second question?,claimantAttorney,Marcus Bell\r\n";
        var kit = new BatchKit();

        var (_, ack) = await kit.RunAsync(BatchKit.Utf8(csv), layout: layout);

        var referral = (await kit.Store.GetAsync(ack.Row(1).ReferralId!, default))!.Referral;
        Assert.Equal(["Second question?"], referral.Request.Questions.Select(q => q.Text));
        Assert.Equal("Marcus Bell", Assert.Single(referral.Parties).Name);
    }

    [Fact]
    public async Task A_layout_naming_a_column_the_header_lacks_refuses_the_file()
    {
        var layout = Layout();
        layout.Columns["claim.dateOfInjury"] = "DOI";

        var refused = await Assert.ThrowsAsync<BatchFileException>(() => BatchKit.ReadAllAsync(BatchKit.Utf8(PartnerHeader + "\r\n"), layout: layout));

        Assert.Contains("claim.dateOfInjury to column 'DOI'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_usable_layout_has_no_problems() => Assert.Empty(Layout().Validate());

    [Fact]
    public void Validate_names_every_problem_of_a_layout()
    {
        var layout = new CsvLayout
        {
            Delimiter = ";;",
            Columns = { ["claimant.lastname"] = "Surname", ["claimant.shoeSize"] = "Shoe", ["source.receivedAt"] = "Received" },
            Values = { ["claimant.sex"] = new() { ["M"] = "man" } },
            Defaults = { ["request.examType"] = "full", ["claimant.smsConsent"] = "perhaps" },
            DateFormats = { "dd/yyyy", "MM/dd/yyyy" },
            FieldDateFormats = { ["claimant.firstName"] = ["MM/dd/yyyy"] },
        };

        var problems = layout.Validate();

        Assert.Contains(problems, p => p.StartsWith("delimiter", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("claimant.shoeSize is not a canonical field path", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("source.receivedAt is filled in by ImeBridge", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("values.claimant.sex.M must be one of female, male", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("defaults.request.examType must be one of ime", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("defaults.claimant.smsConsent must be yes or no", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'dd/yyyy' is not a usable date format", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("claimant.firstName is not a date field", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("lastname", StringComparison.Ordinal));
        Assert.Equal(8, problems.Count);
    }

    [Fact]
    public void Validate_refuses_a_list_also_named_by_position()
    {
        var layout = new CsvLayout { Columns = { ["notes"] = "Notes", ["notes[0]"] = "First note" } };

        Assert.Contains(layout.Validate(), p => p.Contains("clashes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_is_refused_when_its_layout_is_not_usable()
    {
        var layout = new CsvLayout { Columns = { ["claimant.shoeSize"] = "Shoe" } };

        var refused = await Assert.ThrowsAsync<BatchFileException>(() => BatchKit.ReadAllAsync(BatchKit.Utf8("Shoe\r\n9\r\n"), layout: layout));

        Assert.Contains("claimant.shoeSize", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worked_example_of_docs_csv_batches_reads_as_documented()
    {
        var csv = "Claim #;Ref;Surname;Given Name;DOB;Gender;Line;State;Injury Date;Questions;Interpreter;Adjuster\r\n"
            + "C-100;R-1;Rivers;Dana;07/14/1981;F;WC;NY;2/9/2026;Causation? / MMI?;Y;Priya N.\r\n"
            + "C-101;R-2;Okafor;Sam;NA;M;AUTO;CA;12/30/2025;;N;Priya N.\r\n";
        var layout = new CsvLayout
        {
            Delimiter = ";",
            ListSeparator = "/",
            Columns =
            {
                ["claim.claimNumber"] = "Claim #", ["source.externalId"] = "Ref", ["claimant.lastName"] = "Surname",
                ["claimant.firstName"] = "Given Name", ["claimant.dateOfBirth"] = "DOB", ["claimant.sex"] = "Gender",
                ["claim.lineOfBusiness"] = "Line", ["claim.jurisdiction"] = "State", ["claimant.address.state"] = "State",
                ["claim.dateOfInjury"] = "Injury Date", ["request.questions"] = "Questions", ["claimant.interpreterNeeded"] = "Interpreter",
            },
            Values =
            {
                ["claimant.sex"] = new() { ["F"] = "female", ["M"] = "male", ["U"] = "unknown" },
                ["claim.lineOfBusiness"] = new() { ["WC"] = "workersComp", ["AUTO"] = "auto", ["GL"] = "liability" },
            },
            Defaults = { ["request.examType"] = "ime", ["request.priority"] = "routine" },
            DateFormats = { "M/d/yyyy" },
            NullMarkers = { "NA" },
        };
        var kit = new BatchKit();

        var (summary, ack) = await kit.RunAsync(BatchKit.Utf8(csv), layout: layout);

        Assert.Equal(new BatchSummary(2, 1, 0, 1), summary);
        var referral = (await kit.Store.GetAsync(ack.Row(1).ReferralId!, default))!.Referral;
        Assert.Equal(("female", "workersComp", new DateOnly(1981, 7, 14), true), (referral.Claimant.Sex, referral.Claim.LineOfBusiness, referral.Claimant.DateOfBirth, referral.Claimant.InterpreterNeeded));
        Assert.Equal(2, referral.Request.Questions.Count);
        Assert.Equal("Priya N.", referral.Extensions["Adjuster"].GetString());
        Assert.Equal("claimant.dateOfBirth: is required", Fixtures.Describe(ack.Row(2).Errors));
    }

    private static CsvLayout Layout() => new()
    {
        Delimiter = ";",
        ListSeparator = "/",
        Columns =
        {
            ["claim.claimNumber"] = "Claim #",
            ["source.externalId"] = "ref",
            ["claimant.lastName"] = "Surname",
            ["claimant.firstName"] = "Given Name",
            ["claimant.dateOfBirth"] = "DOB",
            ["claimant.sex"] = "Gender",
            ["claim.lineOfBusiness"] = "Line",
            ["claim.jurisdiction"] = "State",
            ["claim.dateOfInjury"] = "Injury Date",
            ["request.questions"] = "Questions",
            ["claimant.interpreterNeeded"] = "Interpreter",
        },
        Values =
        {
            ["claimant.sex"] = new() { ["F"] = "female", ["M"] = "male" },
            ["claim.lineOfBusiness"] = new() { ["WC"] = "workersComp", ["AUTO"] = "auto" },
        },
        Defaults = { ["request.examType"] = "recordsReview", ["referrer.kind"] = "attorney" },
        DateFormats = { "M/d/yyyy" },
        FieldDateFormats = { ["claimant.dateOfBirth"] = ["MM/dd/yyyy"] },
    };
}
