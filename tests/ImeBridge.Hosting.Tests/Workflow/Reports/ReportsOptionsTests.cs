using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting.Tests.Workflow.Reports;

public sealed class ReportsOptionsTests
{
    [Fact]
    public async Task A_writer_token_shorter_than_24_characters_stops_the_bridge_at_start_without_quoting_it()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(
            () => TestApp.StartAsync(settings: new Dictionary<string, string?> { ["reports:writerToken"] = "short-token-123" }));

        Assert.Contains("reports:writerToken must be at least 24 characters", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-token-123", failure.Message, StringComparison.Ordinal);
    }
}
