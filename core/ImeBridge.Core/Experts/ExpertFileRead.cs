namespace ImeBridge.Core.Experts;

/// <summary>What reading an expert file found: the experts of the rows without errors, and every error.</summary>
/// <param name="Experts">The experts of the good rows, in file order.</param>
/// <param name="Errors">Every problem, in file order; empty when the file is entirely good.</param>
/// <param name="RowCount">How many expert rows the file has.</param>
/// <param name="RejectedRows">How many of them have errors.</param>
public sealed record ExpertFileRead(
    IReadOnlyList<Expert> Experts,
    IReadOnlyList<ExpertImportError> Errors,
    int RowCount,
    int RejectedRows)
{
    public bool HasErrors => Errors.Count > 0;
}
