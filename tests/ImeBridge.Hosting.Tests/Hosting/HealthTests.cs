using System.Net;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_answers_200_ok_to_anyone()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (string?)(await response.ReadObjectAsync())["status"]);
    }
}
