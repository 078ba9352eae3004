using System.CommandLine;
using ImeBridge.Core.Ports;

namespace ImeBridge.Cli;

/// <summary><c>imebridge rejections show REJECTION_ID [--original]</c>: why an input was refused, or its exact bytes.</summary>
internal static class RejectionsShowCommand
{
    public static Command Create()
    {
        var rejectionId = new Argument<string>("REJECTION_ID") { Description = "The rejectionId of the 400 answer, or one from `rejections list`." };
        var data = CommonOptions.Data("");
        var original = new Option<bool>("--original")
        {
            Description = "Write the original bytes, exactly as received, to standard output instead (they may hold personal health information), "
                + "e.g. `> fixed.json` to edit and replay them.",
        };
        var command = new Command(
            "show",
            "Show a refused input: its summary line, then one line 'FIELD: reason' per problem. Exit 1 when there is no such rejection.")
        {
            rejectionId,
            data,
            original,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetValue(rejectionId)!, parsed.GetValue(data), parsed.GetValue(original), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string rejectionId, string? dataOption, bool writeOriginal, CancellationToken cancellationToken)
    {
        await using var host = OperatorHost.Open(dataOption);
        var rejection = await RejectionsCommand.FindAsync(host, "show", rejectionId, cancellationToken);
        if (rejection is null)
        {
            return ExitCodes.Rejected;
        }

        if (writeOriginal)
        {
            return await WriteOriginalAsync(host, rejection, cancellationToken);
        }

        await Console.Out.WriteLineAsync(RejectionLines.Summary(rejection));
        foreach (var error in rejection.Errors)
        {
            await Console.Out.WriteLineAsync(RejectionLines.Error(error));
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> WriteOriginalAsync(OperatorHost host, RejectedIntake rejection, CancellationToken cancellationToken)
    {
        var bytes = await OriginalBytes.ReadAsync(host, rejection, "show", cancellationToken);
        if (bytes is null)
        {
            return ExitCodes.Rejected;
        }

        await using var stdout = Console.OpenStandardOutput();
        await stdout.WriteAsync(bytes, cancellationToken);
        await stdout.FlushAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
