using ImeBridge.Core.Batch;

namespace ImeBridge.Adapters.Sftp;

/// <summary>What became of one file: its records' summary, or refused as a whole (moved to the error folder).</summary>
internal sealed record BatchFileOutcome(BatchSummary Summary, bool Refused)
{
    public static BatchFileOutcome Refusal { get; } = new(new BatchSummary(0, 0, 0, 0), Refused: true);
}
