using System.Net;
using System.Net.Sockets;
using ImeBridge.Cli.Tests.Support;

namespace ImeBridge.Cli.Tests.Commands;

public sealed class ClientErrorsTests
{
    [Fact]
    public async Task Submit_to_a_server_that_is_not_running_is_exit_2_with_a_clear_message()
    {
        var url = "http://127.0.0.1:" + UnusedPort();

        var run = await ImeBridgeCli.RunAsync("submit", "samples/webhook/referral.json", "--url", url);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("cannot reach " + url, Assert.Single(run.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_against_a_server_that_is_not_running_is_exit_2()
    {
        var run = await ImeBridgeCli.RunAsync("status", "ref_x", "--url", "http://127.0.0.1:" + UnusedPort());

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_of_a_missing_file_is_exit_2()
    {
        var run = await ImeBridgeCli.RunAsync("submit", "samples/webhook/nothing-here.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("nothing-here.json", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_or_option_is_exit_2()
    {
        var command = await ImeBridgeCli.RunAsync("frobnicate");
        var option = await ImeBridgeCli.RunAsync("submit", "x.json", "--bogus");

        Assert.True(command.ExitCode == 2, command.ToString());
        Assert.True(option.ExitCode == 2, option.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("serve", "--help")]
    [InlineData("submit", "--help")]
    [InlineData("status", "--help")]
    [InlineData("normalize", "--help")]
    public async Task Every_command_has_help(params string[] args)
    {
        var run = await ImeBridgeCli.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Usage:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Description:", run.Stdout, StringComparison.Ordinal);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
