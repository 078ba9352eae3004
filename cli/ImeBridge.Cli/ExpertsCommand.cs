using System.CommandLine;

namespace ImeBridge.Cli;

/// <summary><c>imebridge experts import | list</c>: the directory of independent medical examiners (docs/experts.md).</summary>
internal static class ExpertsCommand
{
    public static Command Create() => new(
        "experts",
        "The directory of IME examiners in the data folder: import them from CSV or JSON, list them. "
        + "Works on the data folder directly, also while `imebridge serve` runs. Formats: docs/experts.md.")
    {
        ExpertsImportCommand.Create(),
        ExpertsListCommand.Create(),
    };
}
