using System.Net;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Email.Configuration;

/// <summary>Refuses a mailbox configuration that cannot work or would send the password in clear text. Never quotes the password.</summary>
public sealed class MailboxOptionsValidator : IValidateOptions<MailboxOptions>
{
    private static readonly TimeSpan ShortestPollInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestPollInterval = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, MailboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.IsConfigured)
        {
            if (!string.IsNullOrWhiteSpace(options.Username) || !string.IsNullOrWhiteSpace(options.Password))
            {
                failures.Add("mailbox.host is required: the mailbox has a username or password but no server.");
            }

            return Result(failures);
        }

        if (options.EffectivePort is < 1 or > 65535)
        {
            failures.Add("mailbox.port must be between 1 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(options.Username))
        {
            failures.Add("mailbox.username is required.");
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            failures.Add("mailbox.password is required.");
        }

        if (!options.UseTls && !IsLoopback(options.Host!))
        {
            failures.Add("mailbox.useTls may be false only for a mailbox on this machine (localhost, 127.0.0.1, ::1): the password would cross the network in clear text.");
        }

        ValidateFolder(options.ProcessedFolder, failures);
        if (options.PollInterval < ShortestPollInterval || options.PollInterval > LongestPollInterval)
        {
            failures.Add("mailbox.pollInterval must be between 00:00:05 and 1.00:00:00.");
        }

        if (options.MaxMessagesPerPoll is < 1 or > 1000)
        {
            failures.Add("mailbox.maxMessagesPerPoll must be between 1 and 1000.");
        }

        return Result(failures);
    }

    private static void ValidateFolder(string? folder, List<string> failures)
    {
        var names = (folder ?? "").Split('/');
        if (string.IsNullOrWhiteSpace(folder) || names.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("mailbox.processedFolder must be folder names separated by '/', e.g. ImeBridge/Processed.");
        }
        else if (names.Length == 1 && folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("mailbox.processedFolder must not be INBOX: handled messages are moved out of it.");
        }
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
