using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Core.Outbound;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Twilio.Tests;

public sealed class LocalOutboxSmsSenderTests
{
    [Fact]
    public async Task Each_message_becomes_one_file_marked_not_sent_and_a_retry_keeps_one_file()
    {
        using var folder = new TempDirectory();
        var sender = new LocalOutboxSmsSender(Path.Combine(folder.Path, "outbox", "sms"), new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero)));
        var sms = new OutboundSms("sms:notice:ref-1:a1", "+15185550123", "Reply C to confirm.");

        var first = await sender.SendAsync(sms, CancellationToken.None);
        var again = await sender.SendAsync(sms, CancellationToken.None);

        Assert.False(first.Sent);
        Assert.Equal(OutboundStatuses.Outbox, first.Status);
        Assert.Equal(first.ProviderId, again.ProviderId);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(folder.Path, "outbox", "sms")));
        var text = await File.ReadAllTextAsync(file);
        Assert.StartsWith(LocalOutboxSmsSender.NotSentHeader, text, StringComparison.Ordinal);
        Assert.Contains("To: +15185550123", text, StringComparison.Ordinal);
        Assert.EndsWith("Reply C to confirm.", text, StringComparison.Ordinal);
    }
}
