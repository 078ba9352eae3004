using System.CommandLine;

namespace ImeBridge.Cli;

/// <summary>
/// Parses and runs a command: parse errors and <see cref="UsageException"/>s become one clear line on standard
/// error and exit code 2. Ctrl-C / SIGTERM are left to each command (the server's host stops itself cleanly).
/// </summary>
internal static class CommandLineRunner
{
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync("imebridge: " + error.Message);
            }

            var command = parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name + " ";
            await Console.Error.WriteLineAsync($"Try 'imebridge {command}--help'.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parsed.InvokeAsync(configuration);
        }
        catch (UsageException problem)
        {
            await Console.Error.WriteLineAsync($"imebridge {parsed.CommandResult.Command.Name}: {problem.Message}");
            return ExitCodes.Usage;
        }
    }
}
