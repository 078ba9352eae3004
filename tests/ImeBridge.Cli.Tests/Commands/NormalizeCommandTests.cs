using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImeBridge.Cli.Tests.Support;

namespace ImeBridge.Cli.Tests.Commands;

public sealed class NormalizeCommandTests
{
    private const string Sample = "samples/webhook/referral.json";
    private const string InvalidSample = "samples/webhook/referral-invalid.json";

    [Fact]
    public async Task The_sample_becomes_one_canonical_referral_line_valid_against_the_schema()
    {
        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "webhook", Sample);

        Assert.True(run.ExitCode == 0, run.ToString());
        var line = Assert.Single(run.StdoutLines);
        Assert.Empty(ReferralSchemaFile.Errors(line));
        var referral = JsonNode.Parse(line)!;
        Assert.Equal("webhook", (string?)referral["source"]!["channel"]);
        Assert.Equal("demo", (string?)referral["source"]!["partnerId"]);
        Assert.Null(referral["referralId"]);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task An_invalid_input_is_rejected_with_one_FILE_FIELD_reason_line_per_error_and_exit_1()
    {
        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "webhook", InvalidSample);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.True(run.StderrLines.Length > 3, run.ToString());
        Assert.All(run.StderrLines, line => Assert.Matches("^" + Regex.Escape(InvalidSample) + @": [^\s:]+: \S.*$", line));
        Assert.Contains(run.StderrLines, line => line.StartsWith(InvalidSample + ": claimant.dateOfBirth: ", StringComparison.Ordinal));
        Assert.Contains(run.StderrLines, line => line.StartsWith(InvalidSample + ": referralId: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rejections_do_not_echo_the_claimants_details()
    {
        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "webhook", InvalidSample);

        Assert.DoesNotContain("Okonkwo", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("07/14/1981", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("555-01", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jsonl_file_is_read_line_by_line_and_errors_name_the_line()
    {
        using var temp = new TempDirectory();
        var valid = JsonNode.Parse(File.ReadAllText(RepositoryFolders.File("samples", "webhook", "referral.json")))!.ToJsonString();
        var invalid = JsonNode.Parse(File.ReadAllText(RepositoryFolders.File("samples", "webhook", "referral-invalid.json")))!.ToJsonString();
        var file = temp.File("batch.jsonl");
        await File.WriteAllTextAsync(file, valid + "\n\n" + invalid + "\n" + "{not json\n");

        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "webhook", file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Empty(ReferralSchemaFile.Errors(Assert.Single(run.StdoutLines)));
        Assert.Contains(run.StderrLines, line => line.StartsWith(file + ":3: claimant.dateOfBirth: ", StringComparison.Ordinal));
        Assert.Contains(run.StderrLines, line => line.StartsWith(file + ":4: $: ", StringComparison.Ordinal));
        Assert.DoesNotContain(run.StderrLines, line => line.StartsWith(file + ":1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_files_are_all_read_and_one_rejection_makes_exit_1()
    {
        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "webhook", Sample, InvalidSample, Sample);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(2, run.StdoutLines.Length);
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error_and_nothing_is_printed_on_stdout()
    {
        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "webhook", Sample, "samples/webhook/no-such-file.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Contains("no-such-file.json", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("sftp")]
    public async Task An_unknown_channel_is_a_usage_error(string channel)
    {
        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", channel, Sample);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(channel, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fhir_referral_bundle_becomes_one_canonical_referral_from_the_fhir_channel()
    {
        const string FhirSample = "samples/fhir/referral-bundle.json";

        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "fhir", FhirSample);

        Assert.True(run.ExitCode == 0, run.ToString());
        var line = Assert.Single(run.StdoutLines);
        Assert.Empty(ReferralSchemaFile.Errors(line));
        Assert.Equal("fhir", (string?)JsonNode.Parse(line)!["source"]!["channel"]);
    }

    [Fact]
    public async Task A_fhir_service_request_whose_patient_is_not_in_the_input_is_refused_at_its_fhirpath()
    {
        var example = Path.Combine(RepositoryFolders.Corpus, "fhir-r4", "core-examples-json", "ServiceRequest-example.json");

        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "fhir", example);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Contains(run.StderrLines, line => line.StartsWith(example + ": ServiceRequest.subject: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_partners_default_jurisdiction_from_the_config_file_applies_to_fhir_referrals_without_one()
    {
        using var temp = new TempDirectory();
        var config = await ConfigFiles.WriteAsync(temp, "imebridge.json", ConfigFiles.Acme.Replace(
            "\"apiToken\": \"acme-read-token\"",
            "\"apiToken\": \"acme-read-token\", \"fhir\": { \"defaultJurisdiction\": \"NJ\" }",
            StringComparison.Ordinal));
        var bundle = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFolders.File("samples", "fhir", "referral-bundle.json")))!;
        bundle["entry"]![0]!["resource"]!.AsObject().Remove("extension");
        var file = temp.File("no-jurisdiction.json");
        await File.WriteAllTextAsync(file, bundle.ToJsonString());

        var withDefault = await ImeBridgeCli.RunAsync("normalize", "--channel", "fhir", "--partner", "acme-insurance", "--config", config, file);
        var withoutConfig = await ImeBridgeCli.RunAsync("normalize", "--channel", "fhir", file);

        Assert.True(withDefault.ExitCode == 0, withDefault.ToString());
        Assert.Equal("NJ", (string?)JsonNode.Parse(Assert.Single(withDefault.StdoutLines))!["claim"]!["jurisdiction"]);
        Assert.Equal("NY", (string?)JsonNode.Parse(Assert.Single(withoutConfig.StdoutLines))!["claim"]!["jurisdiction"]);
    }

    [Fact]
    public async Task A_canonical_csv_batch_becomes_one_referral_per_good_row_and_one_line_per_problem_naming_the_row()
    {
        const string CsvSample = "samples/sftp/demo-referrals-20261127.csv";

        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "csv", CsvSample);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(2, run.StdoutLines.Length);
        Assert.All(run.StdoutLines, line => Assert.Empty(ReferralSchemaFile.Errors(line)));
        var second = JsonNode.Parse(run.StdoutLines[1])!;
        Assert.Equal("sftp", (string?)second["source"]!["channel"]);
        Assert.Equal("ACME-B-0002", (string?)second["source"]!["externalId"]);
        Assert.Equal("+15035550187", (string?)second["claimant"]!["phone"]);
        Assert.Equal(2, second["request"]!["questions"]!.AsArray().Count);
        var error = Assert.Single(run.StderrLines);
        Assert.StartsWith(CsvSample + ":3: claimant.dateOfBirth: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Whitaker", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_csv_layout_from_the_config_file_maps_its_own_columns()
    {
        using var temp = new TempDirectory();
        var config = await ConfigFiles.WriteAsync(temp, "imebridge.json", ConfigFiles.Acme.Replace(
            "\"apiToken\": \"acme-read-token\"",
            """
            "apiToken": "acme-read-token",
            "csv": {
              "columns": {
                "source.externalId": "Ref No", "claimant.firstName": "First", "claimant.lastName": "Last",
                "claimant.dateOfBirth": "DOB", "claim.claimNumber": "Claim #", "claim.jurisdiction": "State",
                "claim.dateOfInjury": "DOI", "claim.lineOfBusiness": "LOB", "request.specialty": "Specialty"
              },
              "values": { "claim.lineOfBusiness": { "WC": "workersComp", "AUTO": "auto" } },
              "defaults": { "request.examType": "ime" },
              "dateFormats": [ "MM/dd/yyyy" ],
              "nullMarkers": [ "NA" ]
            }
            """, StringComparison.Ordinal));
        var file = temp.File("acme.csv");
        await File.WriteAllTextAsync(file, string.Join("\r\n",
            "Ref No,First,Last,DOB,Claim #,State,DOI,LOB,Specialty",
            "R-1,Ana,Lopez,03/14/1979,C-100,ny,06/03/2026,WC,orthopaedic surgery",
            "R-2,Ben,Ode,NA,C-101,NJ,06/04/2026,MARINE,neurology",
            ""));

        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "csv", "--partner", "acme-insurance", "--config", config, file);

        Assert.True(run.ExitCode == 1, run.ToString());
        var referral = JsonNode.Parse(Assert.Single(run.StdoutLines))!;
        Assert.Equal("1979-03-14", (string?)referral["claimant"]!["dateOfBirth"]);
        Assert.Equal("workersComp", (string?)referral["claim"]!["lineOfBusiness"]);
        Assert.Equal("NY", (string?)referral["claim"]!["jurisdiction"]);
        Assert.Equal("acme-insurance", (string?)referral["source"]!["partnerId"]);
        Assert.Contains(run.StderrLines, line => line.StartsWith(file + ":2: claim.lineOfBusiness: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_channel_it_is_a_usage_error()
    {
        var run = await ImeBridgeCli.RunAsync("normalize", Sample);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--channel", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_from_the_config_file_fills_the_source_and_the_referrer()
    {
        using var temp = new TempDirectory();
        var config = await ConfigFiles.WriteAcmeAsync(temp);
        var body = JsonNode.Parse(File.ReadAllText(RepositoryFolders.File("samples", "webhook", "referral.json")))!.AsObject();
        body["source"]!.AsObject().Remove("partnerId");
        body.Remove("referrer");
        var file = temp.File("acme.json");
        await File.WriteAllTextAsync(file, body.ToJsonString());

        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "webhook", "--partner", "acme-insurance", "--config", config, file);

        Assert.True(run.ExitCode == 0, run.ToString());
        var referral = JsonNode.Parse(Assert.Single(run.StdoutLines))!;
        Assert.Equal("acme-insurance", (string?)referral["source"]!["partnerId"]);
        Assert.Equal("insurer", (string?)referral["referrer"]!["kind"]);
        Assert.Equal("Acme Insurance Co.", (string?)referral["referrer"]!["organization"]);
    }

    [Fact]
    public async Task An_unknown_partner_is_a_usage_error()
    {
        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "webhook", "--partner", "nobody", Sample);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("nobody", run.Stderr, StringComparison.Ordinal);
    }
}
