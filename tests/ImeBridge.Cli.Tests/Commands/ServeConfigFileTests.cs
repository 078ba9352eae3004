using System.Text.Json.Nodes;
using ImeBridge.Cli.Tests.Support;

namespace ImeBridge.Cli.Tests.Commands;

public sealed class ServeConfigFileTests
{
    [Fact]
    public async Task Partners_from_the_config_file_submit_and_read_with_their_own_secret_and_token()
    {
        using var temp = new TempDirectory();
        var config = await ConfigFiles.WriteAcmeAsync(temp);
        var body = JsonNode.Parse(File.ReadAllText(RepositoryFolders.File("samples", "webhook", "referral.json")))!;
        body["source"]!["partnerId"] = ConfigFiles.AcmeId;
        var file = await ConfigFiles.WriteAsync(temp, "acme-referral.json", body.ToJsonString());
        await using var serve = await ServeProcess.StartAsync(temp.File("data"), "--config", config);

        var submit = await ImeBridgeCli.RunAsync("submit", file, "--url", serve.BaseUrl, "--partner", ConfigFiles.AcmeId, "--config", config);
        var referralId = SubmitOutput.ReferralId(submit);
        var asAcme = await ImeBridgeCli.RunAsync("status", referralId, "--url", serve.BaseUrl, "--partner", ConfigFiles.AcmeId, "--config", config);
        var asDemo = await ImeBridgeCli.RunAsync("status", referralId, "--url", serve.BaseUrl);

        Assert.Contains(ConfigFiles.AcmeId, serve.Stdout, StringComparison.Ordinal);
        Assert.True(submit.ExitCode == 0, submit.ToString());
        Assert.Equal(202, SubmitOutput.HttpStatus(submit));
        Assert.Equal(200, SubmitOutput.HttpStatus(asAcme));
        Assert.Equal(404, SubmitOutput.HttpStatus(asDemo));
    }

    [Theory]
    [InlineData("{\"partners\": [", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{\"partners\": {\"id\": \"x\"}}", "must be an array")]
    [InlineData("{\"partners\": [{\"id\": \"acme\", \"kind\": \"claimant\", \"webhookSecret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\", \"apiToken\": \"t\"}]}", "kind must be one of")]
    [InlineData("{\"partners\": [{\"id\": \"acme\", \"kind\": \"insurer\", \"webhookSecret\": \"whsec_short\", \"apiToken\": \"t\"}]}", "webhookSecret")]
    public async Task A_bad_config_file_is_one_line_naming_the_file_and_the_problem_and_exit_2(string content, string problem)
    {
        using var temp = new TempDirectory();
        var config = await ConfigFiles.WriteAsync(temp, "bad.json", content);

        var run = await ImeBridgeCli.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--data", temp.File("data"), "--config", config);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.StderrLines);
        Assert.Contains(config, line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_MfKQ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_is_exit_2()
    {
        using var temp = new TempDirectory();

        var run = await ImeBridgeCli.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--data", temp.File("data"), "--config", temp.File("nope.json"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("nope.json", Assert.Single(run.StderrLines), StringComparison.Ordinal);
    }
}
