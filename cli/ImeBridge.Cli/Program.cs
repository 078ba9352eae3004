using System.CommandLine;
using ImeBridge.Cli;

var root = new RootCommand(
    "imebridge: receive, normalize and track independent medical exam referrals. "
    + "Start with `imebridge serve`, then `imebridge submit samples/webhook/referral.json`.")
{
    ServeCommand.Create(),
    SubmitCommand.Create(),
    StatusCommand.Create(),
    NormalizeCommand.Create(),
    RejectionsCommand.Create(),
    ExpertsCommand.Create(),
};

return await CommandLineRunner.RunAsync(root, args);
