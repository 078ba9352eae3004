using ImeBridge.Adapters.Email.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Email.Imap;

/// <summary>Polls the mailbox every <c>mailbox.pollInterval</c> for <c>imebridge serve</c>. A failed poll is logged (exception type only) and retried on the next tick.</summary>
public sealed class ImapPollingService(
    ImapMailboxPoller poller,
    IOptions<MailboxOptions> options,
    TimeProvider time,
    ILogger<ImapPollingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await poller.PollAsync(stoppingToken);
                if (result.Remaining > 0)
                {
                    // More is waiting than one poll takes: go again at once.
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The type only: a server's error text can quote a mailbox name or a header.
                logger.LogWarning("Mailbox poll failed with {ExceptionType}; retrying in {PollInterval}", ex.GetType().Name, interval);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
