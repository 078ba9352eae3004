namespace ImeBridge.Core.Experts;

/// <summary>What an import did.</summary>
/// <param name="Imported">How many experts were stored (0 when errors stopped an all-or-nothing import).</param>
/// <param name="Errors">Every problem found; with a partial import, the rows listed here were left out.</param>
public sealed record ExpertImportOutcome(int Imported, IReadOnlyList<ExpertImportError> Errors);
