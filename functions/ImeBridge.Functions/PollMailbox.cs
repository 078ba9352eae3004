using ImeBridge.Adapters.Email.Imap;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>Every minute: reads new messages from the configured IMAP mailbox; does nothing when no <c>mailbox</c> is configured.</summary>
/// <param name="pollers">The mailbox poller when <c>mailbox.host</c> is set; empty otherwise.</param>
public sealed class PollMailbox(IEnumerable<ImapMailboxPoller> pollers)
{
    public const string Schedule = "30 */1 * * * *";

    [Function(nameof(PollMailbox))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        foreach (var poller in pollers)
        {
            await poller.PollAsync(cancellationToken);
        }
    }
}
