namespace ImeBridge.Adapters.Sftp;

/// <summary>What one poll of one partner did.</summary>
/// <param name="LeaseTaken">False when another instance was polling this partner: nothing was looked at.</param>
/// <param name="FilesTaken">Files processed to the end, including files resumed from the processing folder.</param>
/// <param name="FilesRefused">Of those, files that could not be read at all and went to the error folder.</param>
/// <param name="FilesWaiting">Matching files left in the inbound folder for now (still changing, or no done marker yet).</param>
/// <param name="Accepted">Records stored as new referrals.</param>
/// <param name="Duplicates">Records whose referral was already stored (the same file again, or a poll resumed after a stop).</param>
public sealed record SftpPollSummary(
    string PartnerId,
    bool LeaseTaken,
    int FilesTaken,
    int FilesRefused,
    int FilesWaiting,
    long Records,
    long Accepted,
    long Duplicates,
    long Rejected)
{
    public static SftpPollSummary Skipped(string partnerId) => new(partnerId, false, 0, 0, 0, 0, 0, 0, 0);
}
