using System.Globalization;
using System.Text;
using ImeBridge.Core.Outbound;

namespace ImeBridge.Adapters.LocalFiles;

/// <summary>
/// The SMS port without a provider (no <c>twilio:accountSid</c>): each message becomes one text file in the outbox
/// folder, headed by <see cref="NotSentHeader"/> so nobody mistakes it for a delivered text. The file name comes from
/// the message id, so a retry of the same message keeps one file. Returns <c>Sent = false</c>, status <c>outbox</c>.
/// </summary>
public sealed class LocalOutboxSmsSender : ISmsSender
{
    public const string NotSentHeader = "X-ImeBridge-Outbox: NOT SENT (no SMS provider is configured; this message was only written here)";

    private readonly TimeProvider time;

    public LocalOutboxSmsSender(string outboxFolder, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outboxFolder);
        ArgumentNullException.ThrowIfNull(time);
        OutboxFolder = Path.GetFullPath(outboxFolder);
        this.time = time;
    }

    public string OutboxFolder { get; }

    public async Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        ArgumentException.ThrowIfNullOrEmpty(sms.MessageId);
        var path = OutboxFiles.PathOf(OutboxFolder, "sms-", sms.MessageId, ".txt");
        await OutboxFiles.WriteOnceAsync(path, () => Render(sms), cancellationToken);
        return new SmsSendResult(Sent: false, path, OutboundStatuses.Outbox);
    }

    private string Render(OutboundSms sms)
    {
        var text = new StringBuilder();
        text.Append(NotSentHeader).Append('\n');
        text.Append("X-ImeBridge-Message-Id: ").Append(OneLine(sms.MessageId)).Append('\n');
        text.Append("Date: ").Append(time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("To: ").Append(OneLine(sms.To)).Append('\n');
        text.Append('\n');
        text.Append(sms.Body);
        return text.ToString();
    }

    private static string OneLine(string value) => value.ReplaceLineEndings(" ");
}
