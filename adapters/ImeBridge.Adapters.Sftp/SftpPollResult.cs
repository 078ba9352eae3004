namespace ImeBridge.Adapters.Sftp;

/// <summary>The outcome of one partner's poll in a run: its summary, or the error that failed it (already logged).</summary>
public sealed record SftpPollResult(string PartnerId, SftpPollSummary? Summary, Exception? Error)
{
    public bool Succeeded => Error is null;
}
