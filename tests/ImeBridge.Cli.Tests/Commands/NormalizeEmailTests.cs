using System.Text.Json.Nodes;
using ImeBridge.Cli.Tests.Support;

namespace ImeBridge.Cli.Tests.Commands;

/// <summary><c>imebridge normalize --channel email</c>: what the email channel makes of a .eml file, without storing anything.</summary>
public sealed class NormalizeEmailTests
{
    private const string LabelledLetter = """
        From: Acme Claims Intake <claims@acme.example>
        To: referrals@imebridge.example
        Subject: IME referral
        Message-ID: <ime-request-7731@acme.example>
        Date: Fri, 27 Nov 2026 09:00:00 +0000
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        Good morning,

        Please schedule an independent medical examination for the claimant below.

        Claimant: Rosalind Featherstonehaugh
        DOB: 03/14/1979
        Claim #: WC-2026-77731
        DOI: 06/03/2026
        Line of Business: Workers' Comp
        State of Jurisdiction: New York
        Specialty: Orthopaedic Surgery
        Questions:
        1. Is the lumbar injury causally related to the lifting incident of June 3?
        2. Has the claimant reached maximum medical improvement?

        Thank you,
        --
        Acme Claims
        """;

    [Fact]
    public async Task A_message_without_a_referral_exits_1_with_a_no_referral_line_and_prints_nothing_on_stdout()
    {
        var file = Path.Combine(RepositoryFolders.Corpus, "email", "mimekit-simple-multipart.eml");

        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "email", file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.StartsWith(file + ": $: no referral found", run.StderrLines[0], StringComparison.Ordinal);
        Assert.All(run.StderrLines, line => Assert.StartsWith(file + ": ", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_labelled_referral_letter_becomes_one_schema_valid_email_referral_with_its_two_questions()
    {
        using var temp = new TempDirectory();
        var file = temp.File("referral-letter.eml");
        await File.WriteAllTextAsync(file, LabelledLetter.ReplaceLineEndings("\r\n"));

        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "email", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        var line = Assert.Single(run.StdoutLines);
        Assert.Empty(ReferralSchemaFile.Errors(line));
        var referral = JsonNode.Parse(line)!;
        Assert.Equal("email", (string?)referral["source"]!["channel"]);
        Assert.Equal("ime-request-7731@acme.example", (string?)referral["source"]!["externalId"]);
        Assert.Equal("Rosalind", (string?)referral["claimant"]!["firstName"]);
        Assert.Equal("Featherstonehaugh", (string?)referral["claimant"]!["lastName"]);
        Assert.Equal("1979-03-14", (string?)referral["claimant"]!["dateOfBirth"]);
        Assert.Equal("WC-2026-77731", (string?)referral["claim"]!["claimNumber"]);
        Assert.Equal("2026-06-03", (string?)referral["claim"]!["dateOfInjury"]);
        Assert.Equal("workersComp", (string?)referral["claim"]!["lineOfBusiness"]);
        Assert.Equal("NY", (string?)referral["claim"]!["jurisdiction"]);
        Assert.Equal("ime", (string?)referral["request"]!["examType"]);
        var questions = referral["request"]!["questions"]!.AsArray();
        Assert.Equal(2, questions.Count);
        Assert.Equal("Has the claimant reached maximum medical improvement?", (string?)questions[1]!["text"]);
        Assert.Equal("claims@acme.example", (string?)referral["referrer"]!["contact"]!["email"]);
    }

    [Fact]
    public async Task A_letter_missing_a_required_field_exits_1_naming_the_field_without_echoing_the_claimant()
    {
        using var temp = new TempDirectory();
        var file = temp.File("no-dob.eml");
        await File.WriteAllTextAsync(file, LabelledLetter.Replace("DOB: 03/14/1979\n", "", StringComparison.Ordinal).ReplaceLineEndings("\r\n"));

        var run = await ImeBridgeCli.RunAsync("normalize", "--channel", "email", file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Contains(file + ": claimant.dateOfBirth: not found in the message", run.StderrLines);
        Assert.DoesNotContain("Featherstonehaugh", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("WC-2026-77731", run.Stderr, StringComparison.Ordinal);
    }
}
