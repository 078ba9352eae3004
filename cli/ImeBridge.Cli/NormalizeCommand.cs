using System.CommandLine;
using ImeBridge.Core.Json;
using ImeBridge.Core.Validation;

namespace ImeBridge.Cli;

/// <summary>
/// <c>imebridge normalize</c>: turns inputs into canonical referrals without storing anything. Standard output gets
/// one canonical referral per line (JSON Lines); standard error gets <c>FILE[:LINE]: FIELD: reason</c> per problem.
/// </summary>
internal static class NormalizeCommand
{
    public const string WebhookChannel = "webhook";
    private static readonly string[] Channels = [WebhookChannel, "fhir", "csv", "email"];

    public static Command Create()
    {
        var channel = new Option<string>("--channel")
        {
            Description = "How the inputs arrived. Only 'webhook' (canonical referral JSON, as partners POST it) is available so far.",
            HelpName = "CHANNEL",
            Required = true,
        };
        channel.AcceptOnlyFromAmong(Channels);
        var partner = CommonOptions.Partner("Fills source.partnerId, and referrer.kind / referrer.organization when an input leaves them out.");
        var config = CommonOptions.Config("Needed for any partner but the demo one.");
        var files = new Argument<string[]>("FILE")
        {
            Description = "Input files. A file ending in .jsonl holds one referral per line (blank lines are skipped).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(
            "normalize",
            "Validate and normalize inputs into canonical referrals (schemas/referral.v1.schema.json) without storing anything. "
            + "Standard output: one canonical referral JSON per line. Standard error: one line 'FILE[:LINE]: FIELD: reason' per problem. "
            + "Exit 0 when every record was accepted, 1 when any was rejected, 2 on a usage error.")
        {
            channel,
            partner,
            config,
            files,
        };
        command.SetAction(parsed => Run(
            parsed.GetValue(channel)!,
            parsed.GetValue(partner)!,
            parsed.GetValue(config),
            parsed.GetValue(files) ?? []));
        return command;
    }

    private static int Run(string channel, string partnerId, string? configFile, IReadOnlyList<string> files)
    {
        if (!string.Equals(channel, WebhookChannel, StringComparison.Ordinal))
        {
            throw new UsageException($"the '{channel}' channel is not available yet; only '{WebhookChannel}' can be normalized so far.");
        }

        var partner = PartnerCatalog.Resolve(partnerId, configFile);
        foreach (var file in files)
        {
            InputFiles.RequireExists(file);
        }

        var reader = new ReferralReader(TimeProvider.System);
        var defaults = new ReferralDefaults(WebhookChannel, partner.Id, partner.Kind, partner.Name);
        var rejected = 0;
        using var output = new BufferedStream(Console.OpenStandardOutput());
        foreach (var file in files)
        {
            foreach (var record in InputRecords.Read(file))
            {
                var result = reader.Read(record.Utf8Json, defaults);
                if (result.IsValid)
                {
                    output.Write(ReferralJson.Serialize(result.Referral!));
                    output.WriteByte((byte)'\n');
                    continue;
                }

                rejected++;
                output.Flush();
                foreach (var error in result.Errors)
                {
                    Console.Error.WriteLine($"{record.Label}: {error.Path}: {error.Reason}");
                }
            }
        }

        output.Flush();
        return rejected == 0 ? ExitCodes.Ok : ExitCodes.Rejected;
    }
}
