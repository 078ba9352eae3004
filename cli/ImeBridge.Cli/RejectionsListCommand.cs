using System.CommandLine;

namespace ImeBridge.Cli;

/// <summary><c>imebridge rejections list</c>: the most recent refused inputs, newest first, one line each.</summary>
internal static class RejectionsListCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data("");
        var max = new Option<int>("--max")
        {
            Description = "How many to list at most.",
            HelpName = "N",
            DefaultValueFactory = _ => 50,
        };
        var command = new Command(
            "list",
            "List refused inputs, newest first, one line each: rejection id, time (UTC), channel, partner, delivery id, "
            + "number of errors, and 'replayed -> REFERRAL_ID' once replayed.")
        {
            data,
            max,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetValue(data), parsed.GetValue(max), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? dataOption, int max, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            throw new UsageException("--max must be a positive number.");
        }

        await using var host = OperatorHost.Open(dataOption);
        foreach (var rejection in await host.Store.ListRejectionsAsync(max, cancellationToken))
        {
            await Console.Out.WriteLineAsync(RejectionLines.Summary(rejection));
        }

        return ExitCodes.Ok;
    }
}
