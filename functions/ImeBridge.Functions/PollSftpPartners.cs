using ImeBridge.Adapters.Sftp;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>
/// Every minute: polls the SFTP partners whose own interval is due. A lease in the store keeps one poll per partner
/// at a time even when the app runs on several instances.
/// </summary>
public sealed class PollSftpPartners(SftpPollRunner runner)
{
    public const string Schedule = "0 */1 * * * *";

    [Function(nameof(PollSftpPartners))]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        runner.RunDueAsync(cancellationToken);
}
