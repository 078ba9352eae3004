using System.Text.Json;
using ImeBridge.Adapters.Email.Intake;
using ImeBridge.Adapters.Email.Tests.Support;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.Email.Tests.Intake;

public sealed class EmailReceivedHandlerTests
{
    [Fact]
    public async Task A_queued_email_whose_bytes_are_gone_fails_so_the_queue_retries_it_naming_only_its_id()
    {
        await using var harness = await EmailHarness.StartAsync();
        var handler = harness.Services.GetServices<IMessageHandler>().OfType<EmailReceivedHandler>().Single();
        var sha = new string('a', 64);
        var body = JsonSerializer.SerializeToUtf8Bytes(new EmailReceived(sha, 10, "imap", AuthenticationResult.NotChecked, AuthenticationResult.NotChecked, DateTimeOffset.UtcNow), MessageJson.Options);
        var message = new ReceivedMessage(1, "email:" + sha, EmailReceived.MessageType, "email:" + sha, body, 1, DateTimeOffset.UtcNow, "lock");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => handler.HandleAsync(message, CancellationToken.None));

        Assert.Equal($"the raw message of email:{sha} is not in the document store", failure.Message);
        Assert.Empty(harness.Sender.Sent);
    }

    [Fact]
    public void The_queue_message_body_carries_ids_and_verdicts_only()
    {
        var received = new EmailReceived(new string('b', 64), 1234, "sendgrid", AuthenticationResult.Pass, AuthenticationResult.Fail, DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var json = JsonSerializer.Serialize(received, MessageJson.Options);

        Assert.Equal($$"""{"sha256":"{{new string('b', 64)}}","size":1234,"via":"sendgrid","spf":"Pass","dkim":"Fail","receivedAt":"2026-11-27T10:00:00+00:00"}""", json);
    }
}
