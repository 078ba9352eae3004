using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Sftp;

/// <summary>Stable event ids of the SFTP channel, for alert rules.</summary>
public static class SftpLogEvents
{
    /// <summary>Critical: a partner's server presented a host key other than the pinned one.</summary>
    public static readonly EventId HostKeyMismatch = new(4101, "SftpHostKeyMismatch");

    public static readonly EventId PollFailed = new(4102, "SftpPollFailed");

    public static readonly EventId FileProcessed = new(4103, "SftpFileProcessed");

    /// <summary>A file could not be read at all and went to the error folder.</summary>
    public static readonly EventId FileRefused = new(4104, "SftpFileRefused");

    public static readonly EventId LeaseHeldElsewhere = new(4105, "SftpLeaseHeldElsewhere");

    public static readonly EventId LeaseLost = new(4106, "SftpLeaseLost");

    public static readonly EventId PollCompleted = new(4107, "SftpPollCompleted");
}
