using System.CommandLine;
using ImeBridge.Core.Experts;

namespace ImeBridge.Cli;

/// <summary><c>imebridge experts list [--specialty CODE] [--state XX]</c>: one line per expert.</summary>
internal static class ExpertsListCommand
{
    public static Command Create()
    {
        var specialty = new Option<string?>("--specialty")
        {
            Description = "Only experts with this NUCC taxonomy code (e.g. 207X00000X).",
            HelpName = "CODE",
        };
        var state = new Option<string?>("--state")
        {
            Description = "Only experts licensed in this two-letter US state.",
            HelpName = "XX",
        };
        var activeOnly = new Option<bool>("--active")
        {
            Description = "Only active experts (those taking new referrals).",
        };
        var data = CommonOptions.Data("");
        var command = new Command(
            "list",
            "List experts ordered by id, one line each: id, name, specialty codes, licensed states (and 'inactive' when so), separated by two spaces.")
        {
            specialty,
            state,
            activeOnly,
            data,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            new ExpertFilter(parsed.GetValue(specialty)?.Trim(), parsed.GetValue(state)?.Trim().ToUpperInvariant(), parsed.GetValue(activeOnly) ? true : null),
            parsed.GetValue(data),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ExpertFilter filter, string? dataOption, CancellationToken cancellationToken)
    {
        if (filter.LicensedState is { } state && !Core.Validation.UsStates.IsValid(state))
        {
            throw new UsageException("--state must be a two-letter US state code such as NY.");
        }

        await using var host = ExpertsHost.Open(dataOption);
        foreach (var expert in await host.Directory.ListAsync(filter, cancellationToken))
        {
            await Console.Out.WriteLineAsync(Line(expert));
        }

        return ExitCodes.Ok;
    }

    /// <summary><c>npi:1234567893  Dana Whitfield, MD  207X00000X,207XS0117X  NY,NJ[  inactive]</c>.</summary>
    private static string Line(Expert expert)
    {
        var line = string.Join(
            "  ",
            expert.ExpertId,
            expert.Name,
            string.Join(',', expert.Specialties.Select(s => s.Code)),
            string.Join(',', expert.LicensedStates));
        return expert.Active ? line : line + "  inactive";
    }
}
