using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Documents;

public sealed class LocalOutboxEmailSenderTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_message_is_kept_as_a_file_marked_not_sent_and_a_retry_keeps_one_file()
    {
        var sender = new LocalOutboxEmailSender(folder.File("outbox"), new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)));
        var email = new OutboundEmail("ack:abc", "claims@acme.example", "Referral received\r\nBcc: evil@example.com", "Your referral is ref_1.\nThank you.", "<orig@acme.example>");

        var first = await sender.SendAsync(email, CancellationToken.None);
        var retry = await sender.SendAsync(email, CancellationToken.None);

        Assert.False(first.Sent);
        Assert.Equal(first.Where, retry.Where);
        var text = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(folder.File("outbox"))));
        Assert.StartsWith("X-ImeBridge-Outbox: NOT SENT", text, StringComparison.Ordinal);
        Assert.Contains("To: claims@acme.example\r\n", text, StringComparison.Ordinal);
        Assert.Contains("In-Reply-To: <orig@acme.example>\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\nBcc:", text, StringComparison.Ordinal);
        Assert.EndsWith("Your referral is ref_1.\r\nThank you.", text, StringComparison.Ordinal);
    }
}
