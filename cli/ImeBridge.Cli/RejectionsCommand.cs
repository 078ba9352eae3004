using System.CommandLine;

namespace ImeBridge.Cli;

/// <summary><c>imebridge rejections list | show | replay</c>: what was refused, why, and fixing and replaying it.</summary>
internal static class RejectionsCommand
{
    public static Command Create() => new(
        "rejections",
        "Inputs ImeBridge refused, kept with their original bytes and every reason: list them, show one, replay a fixed one. "
        + "Works on the data folder directly, also while `imebridge serve` runs.")
    {
        RejectionsListCommand.Create(),
        RejectionsShowCommand.Create(),
        RejectionsReplayCommand.Create(),
    };

    /// <summary>The rejection, or a clear line on standard error and null when the data folder has none by that id.</summary>
    public static async Task<Core.Ports.RejectedIntake?> FindAsync(OperatorHost host, string command, string rejectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var rejection = await host.Store.GetRejectionAsync(rejectionId, cancellationToken);
        if (rejection is null)
        {
            await Console.Error.WriteLineAsync($"imebridge rejections {command}: no rejection '{rejectionId}' in {host.DataDirectory}.");
        }

        return rejection;
    }
}
