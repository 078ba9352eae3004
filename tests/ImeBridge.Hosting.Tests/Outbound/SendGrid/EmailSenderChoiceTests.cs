using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.SendGrid;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ImeBridge.Hosting.Tests.Outbound.SendGrid;

/// <summary>Without <c>sendgrid:apiKey</c> email stays in the outbox marked NOT SENT; with it SendGrid sends.</summary>
public sealed class EmailSenderChoiceTests
{
    private static readonly OutboundEmail Letter = new(
        "email:appointment.letter:ref_9",
        "maria.gonzalez@example.com",
        "Your examination",
        "Please bring a photo ID.",
        HtmlBody: "<p>Please bring a <b>photo ID</b>.</p>",
        ReferralId: "ref_9",
        Purpose: "appointment.letter");

    [Fact]
    public async Task Without_a_key_the_outbox_keeps_both_parts_marked_not_sent()
    {
        await using var app = await TestApp.StartAsync();
        var sender = app.Services.GetRequiredService<IEmailSender>();

        var result = await sender.SendAsync(Letter, CancellationToken.None);

        Assert.IsType<LocalOutboxEmailSender>(sender);
        Assert.False(result.Sent);
        var text = await File.ReadAllTextAsync(result.Where);
        Assert.StartsWith("X-ImeBridge-Outbox: NOT SENT", text, StringComparison.Ordinal);
        Assert.Contains("Content-Type: multipart/alternative;", text, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/plain; charset=utf-8\r\n\r\nPlease bring a photo ID.\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/html; charset=utf-8\r\n\r\n<p>Please bring a <b>photo ID</b>.</p>\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_key_SendGrid_sends_and_the_outbox_stays_empty()
    {
        using var mock = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        mock.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("X-Message-Id", "sg-777"));
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["sendgrid:apiKey"] = "SG.host-test",
            ["sendgrid:fromEmail"] = "notices@imebridge.example",
            ["sendgrid:apiBaseUrl"] = mock.Url,
            ["sendgrid:sandboxMode"] = "true",
        });
        var sender = app.Services.GetRequiredService<IEmailSender>();

        var result = await sender.SendAsync(Letter, CancellationToken.None);

        Assert.IsType<SendGridEmailSender>(sender);
        Assert.Equal((true, "sg-777"), (result.Sent, result.Where));
        var request = Assert.Single(mock.LogEntries).RequestMessage!;
        Assert.Contains("\"sandbox_mode\":{\"enable\":true}", request.Body, StringComparison.Ordinal);
        var outbox = app.Services.GetRequiredService<LocalOutboxEmailSender>().OutboxFolder;
        Assert.True(!Directory.Exists(outbox) || Directory.GetFiles(outbox).Length == 0);
        Assert.DoesNotContain("SG.host-test", app.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_without_a_sender_address_stops_start_up_naming_the_setting_not_the_secret()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["sendgrid:apiKey"] = "SG.never-shown",
        }));

        Assert.Contains("sendgrid:fromEmail", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SG.never-shown", failure.Message, StringComparison.Ordinal);
    }
}
