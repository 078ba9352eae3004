namespace ImeBridge.Core.Batch;

/// <summary>The record formats a batch file can carry.</summary>
public enum BatchFormat
{
    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv,

    /// <summary>One canonical referral JSON object per line.</summary>
    JsonLines,
}
