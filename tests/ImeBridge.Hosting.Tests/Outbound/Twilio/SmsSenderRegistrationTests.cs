using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Twilio;
using ImeBridge.Core.Outbound;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ImeBridge.Hosting.Tests.Outbound.Twilio;

/// <summary>Which SMS sender the bridge uses: the local outbox without a Twilio account, Twilio (through the resilience pipeline) with one.</summary>
public sealed class SmsSenderRegistrationTests
{
    [Fact]
    public async Task Without_an_account_SID_an_SMS_is_kept_unsent_in_the_data_directory_outbox()
    {
        await using var app = await TestApp.StartAsync();
        var sender = app.Services.GetRequiredService<ISmsSender>();

        var result = await sender.SendAsync(new OutboundSms("sms:test:1", "+15185550123", "Reply C to confirm."), CancellationToken.None);

        Assert.IsType<LocalOutboxSmsSender>(sender);
        Assert.False(result.Sent);
        Assert.Equal(OutboundStatuses.Outbox, result.Status);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "outbox", "sms")));
        Assert.StartsWith(LocalOutboxSmsSender.NotSentHeader, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_account_SID_an_SMS_goes_to_the_configured_Twilio_API_with_the_public_status_callback()
    {
        using var twilio = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        twilio.Given(Request.Create().WithPath("/2010-04-01/Accounts/AC00000000000000000000000000000009/Messages.json").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"sid":"SMfromwiremock","status":"queued"}"""));
        await using var app = await TestApp.StartAsync(settings: TwilioWebhooks.Settings(new Dictionary<string, string?>
        {
            ["twilio:accountSid"] = "AC00000000000000000000000000000009",
            ["twilio:messagingServiceSid"] = "MG00000000000000000000000000000001",
            ["twilio:apiBaseUrl"] = twilio.Url,
        }));
        var sender = app.Services.GetRequiredService<ISmsSender>();

        var result = await sender.SendAsync(new OutboundSms("sms:test:2", "+15185550123", "Reply C to confirm."), CancellationToken.None);

        Assert.IsType<TwilioSmsSender>(sender);
        Assert.Equal(new SmsSendResult(true, "SMfromwiremock", "queued"), result);
        var form = System.Web.HttpUtility.ParseQueryString(twilio.LogEntries.Single().RequestMessage!.Body!);
        Assert.Equal("MG00000000000000000000000000000001", form["MessagingServiceSid"]);
        Assert.Equal(TwilioWebhooks.PublicBaseUrl + "/api/twilio/status", form["StatusCallback"]);
    }
}
