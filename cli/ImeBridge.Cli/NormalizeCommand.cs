using System.CommandLine;
using ImeBridge.Core.Json;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Validation;

namespace ImeBridge.Cli;

/// <summary>
/// <c>imebridge normalize</c>: turns inputs into canonical referrals without storing anything. Standard output gets
/// one canonical referral per line (JSON Lines); standard error gets <c>FILE[:RECORD]: FIELD: reason</c> per problem.
/// </summary>
internal static class NormalizeCommand
{
    public const string WebhookChannel = "webhook";
    public const string CsvChannel = "csv";
    public const string EmailChannel = "email";
    public const string FhirChannel = "fhir";
    private static readonly string[] Channels = [WebhookChannel, FhirChannel, CsvChannel, EmailChannel];

    public static Command Create()
    {
        var channel = new Option<string>("--channel")
        {
            Description = "How the inputs arrived: 'webhook' (canonical referral JSON, as partners POST it), 'csv' (an SFTP batch: "
                + "CSV with canonical headers or the partner's declared layout, or JSON Lines), 'email' (a MIME message, .eml), "
                + "'fhir' (an R4 Bundle or ServiceRequest, JSON or XML, or FHIR NDJSON).",
            HelpName = "CHANNEL",
            Required = true,
        };
        channel.AcceptOnlyFromAmong(Channels);
        var partner = CommonOptions.Partner("Fills source.partnerId, and referrer.kind / referrer.organization when an input leaves them out; its csv layout applies to CSV.");
        var config = CommonOptions.Config("Needed for any partner but the demo one.");
        var files = new Argument<string[]>("FILE")
        {
            Description = "Input files. webhook: a file ending in .jsonl holds one referral per line (blank lines are skipped). "
                + "csv: one record per row (per line for .jsonl). email: one message per file. "
                + "fhir: every ServiceRequest of a Bundle, or one per line of a .ndjson file.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(
            "normalize",
            "Validate and normalize inputs into canonical referrals (schemas/referral.v1.schema.json) without storing anything. "
            + "Standard output: one canonical referral JSON per line. Standard error: one line 'FILE[:RECORD]: FIELD: reason' per problem. "
            + "Exit 0 when every record was accepted, 1 when any was rejected, 2 on a usage error.")
        {
            channel,
            partner,
            config,
            files,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetValue(channel)!,
            parsed.GetValue(partner)!,
            parsed.GetValue(config),
            parsed.GetValue(files) ?? [],
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string channel, string partnerId, string? configFile, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var partner = PartnerCatalog.Resolve(partnerId, configFile);
        foreach (var file in files)
        {
            InputFiles.RequireExists(file);
        }

        var reader = new ReferralReader(TimeProvider.System);
        var defaults = new ReferralDefaults(SourceChannel(channel), partner.Id, partner.Kind, partner.Name);
        var rejected = 0;
        await using var output = new BufferedStream(Console.OpenStandardOutput());
        foreach (var file in files)
        {
            await foreach (var input in Inputs(channel, file, partner, configFile, cancellationToken))
            {
                var errors = input.Problems;
                if (errors.Count == 0)
                {
                    var result = reader.Read(input.Utf8Json, defaults);
                    if (result.IsValid)
                    {
                        output.Write(ReferralJson.Serialize(result.Referral!));
                        output.WriteByte((byte)'\n');
                        continue;
                    }

                    errors = result.Errors;
                }

                rejected++;
                await output.FlushAsync(cancellationToken);
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync($"{input.Label}: {error.Path}: {error.Reason}");
                }
            }
        }

        await output.FlushAsync(cancellationToken);
        return rejected == 0 ? ExitCodes.Ok : ExitCodes.Rejected;
    }

    /// <summary>The canonical <c>source.channel</c>: CSV batches arrive over SFTP.</summary>
    private static string SourceChannel(string channel) => channel == CsvChannel ? "sftp" : channel;

    private static IAsyncEnumerable<NormalizeInput> Inputs(string channel, string file, Partner partner, string? configFile, CancellationToken cancellationToken) =>
        channel switch
        {
            CsvChannel => BatchNormalizeInputs.ReadAsync(file, PartnerCatalog.CsvLayoutOf(partner.Id, configFile), cancellationToken),
            FhirChannel => FhirNormalizeInputs.ReadAsync(file, PartnerCatalog.FhirMappingOf(partner.Id, configFile), cancellationToken),
            EmailChannel => EmailNormalizeInputs.ReadAsync(file, PartnerCatalog.CsvLayoutOf(partner.Id, configFile), PartnerCatalog.FhirMappingOf(partner.Id, configFile), cancellationToken),
            _ => InputRecords.Read(file).Select(record => NormalizeInput.Json(record.Label, record.Utf8Json)).ToAsyncEnumerable(),
        };
}
