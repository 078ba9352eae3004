using ImeBridge.Adapters.Twilio;
using ImeBridge.Core.Outbound;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Outbound.Twilio;

/// <summary>The bridge configured to receive Twilio's webhooks (no account SID: SMS go to the outbox), and Twilio's posts, signed as Twilio signs them.</summary>
internal static class TwilioWebhooks
{
    public const string AuthToken = "twilio-test-auth-token-0123456789";

    /// <summary>What Twilio is told to call: a proxy in front of the bridge, so not the address the test connects to.</summary>
    public const string PublicBaseUrl = "https://imebridge.example.com";

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["twilio:authToken"] = AuthToken,
            ["twilio:publicBaseUrl"] = PublicBaseUrl,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static Task<TestApp> StartAsync(CapturingLoggerProvider? logs = null) => TestApp.StartAsync(logs: logs, settings: Settings());

    public static HttpRequestMessage Signed(string path, IReadOnlyDictionary<string, string> form, string authToken = AuthToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Compute(authToken, PublicBaseUrl + path, form));
        return request;
    }

    public static HttpRequestMessage InboundSms(string messageSid, string from, string body) =>
        Signed("/api/twilio/sms", new Dictionary<string, string>
        {
            ["MessageSid"] = messageSid,
            ["AccountSid"] = "AC00000000000000000000000000000001",
            ["From"] = from,
            ["To"] = "+15005550006",
            ["Body"] = body,
            ["NumMedia"] = "0",
        });

    public static HttpRequestMessage Status(string messageSid, string status, string? errorCode = null)
    {
        var form = new Dictionary<string, string> { ["MessageSid"] = messageSid, ["MessageStatus"] = status, ["AccountSid"] = "AC00000000000000000000000000000001" };
        if (errorCode is not null)
        {
            form["ErrorCode"] = errorCode;
        }

        return Signed("/api/twilio/status", form);
    }

    /// <summary>An SMS the bridge sent to <paramref name="phone"/> for <paramref name="referralId"/>, with Twilio's SID.</summary>
    public static async Task<OutboundRecord> SentSmsAsync(TestApp app, string referralId, string phone, string providerId)
    {
        var ledger = app.Services.GetRequiredService<IOutboundLedger>();
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var record = new OutboundRecord($"sms:test:{referralId}:{providerId}", OutboundChannels.Sms, referralId, "appointment.notice", phone, OutboundStatuses.Claimed, null, null, now, now);
        Assert.Null(await ledger.ClaimAsync(record, CancellationToken.None));
        Assert.True(await ledger.UpdateAsync(record.MessageId, OutboundStatuses.Sent, providerId, null, CancellationToken.None));
        return record;
    }
}
