namespace ImeBridge.Adapters.Email.Configuration;

/// <summary>Bound from <c>mailbox</c>: an IMAP mailbox polled for referrals. IMAP polling is on when <see cref="Host"/> is set.</summary>
public sealed class MailboxOptions
{
    public const string Section = "mailbox";
    public const string DefaultProcessedFolder = "ImeBridge/Processed";
    public const int DefaultMaxMessagesPerPoll = 50;

    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(1);

    public string? Host { get; set; }

    /// <summary>993 with TLS, 143 without, when left out.</summary>
    public int? Port { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>TLS on connect for port 993, STARTTLS (required) on any other port. False only for a mailbox on this machine.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Where handled messages are moved, as a path of folder names separated by <c>/</c> (created when missing).</summary>
    public string ProcessedFolder { get; set; } = DefaultProcessedFolder;

    public TimeSpan PollInterval { get; set; } = DefaultPollInterval;

    /// <summary>At most this many messages are taken per poll, so one poll (or one Functions timer run) stays short.</summary>
    public int MaxMessagesPerPoll { get; set; } = DefaultMaxMessagesPerPoll;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port ?? (UseTls ? 993 : 143);
}
