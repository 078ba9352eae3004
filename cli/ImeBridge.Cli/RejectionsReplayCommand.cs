using System.CommandLine;
using ImeBridge.Core.Intake;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;

namespace ImeBridge.Cli;

/// <summary>
/// <c>imebridge rejections replay REJECTION_ID [--file FIXED.json]</c>: runs the fixed (or the original) bytes through the
/// same intake, as the same partner and channel, with delivery id <c>replay:REJECTION_ID</c> so a repeated replay is
/// recognised. An accepted replay marks the rejection replayed; its messages wait in the database for <c>serve</c>.
/// Webhook bodies, batch rows and referrals found in email are kept as canonical JSON and replay as they are; an
/// original that is not JSON (an email in which no referral was found) needs <c>--file</c>.
/// </summary>
internal static class RejectionsReplayCommand
{
    private const string JsonContentType = "application/json";

    public static Command Create()
    {
        var rejectionId = new Argument<string>("REJECTION_ID") { Description = "The rejection to replay (see `rejections list`)." };
        var file = new Option<string?>("--file")
        {
            Description = "The fixed input (e.g. made with `rejections show REJECTION_ID --original > fixed.json`). Default: the original bytes.",
            HelpName = "FIXED.json",
        };
        var data = CommonOptions.Data("");
        var config = CommonOptions.Config("The rejection's partner must be configured (the demo partner is built in).");
        var command = new Command(
            "replay",
            "Send a refused input through intake again, as the same partner and channel. Prints 'accepted REFERRAL_ID' "
            + "(or 'duplicate REFERRAL_ID') and exits 0; when still refused prints 'rejected NEW_REJECTION_ID' and one line "
            + "'FIELD: reason' per problem and exits 1. Exit 1 also when there is no such rejection, 2 on a usage error. "
            + "An original that is not canonical JSON (an email in which no referral was found) needs --file.")
        {
            rejectionId,
            file,
            data,
            config,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetValue(rejectionId)!,
            parsed.GetValue(file),
            parsed.GetValue(data),
            parsed.GetValue(config),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string rejectionId, string? fixedFile, string? dataOption, string? configFile, CancellationToken cancellationToken)
    {
        var fixedBytes = fixedFile is null ? null : InputFiles.ReadAllBytes(fixedFile);
        await using var host = OperatorHost.Open(dataOption);
        var rejection = await RejectionsCommand.FindAsync(host, "replay", rejectionId, cancellationToken);
        if (rejection is null)
        {
            return ExitCodes.Rejected;
        }

        var partner = ReplayPartner(rejection, configFile);
        if (fixedBytes is null && !IsJson(rejection.Original?.ContentType))
        {
            throw new UsageException(
                $"{rejection.RejectionId}: its original is '{rejection.Original?.ContentType}', not a canonical referral; "
                + "write the referral as JSON (see samples/webhook/referral.json) and replay it with --file FIXED.json.");
        }

        var body = fixedBytes ?? await OriginalBytes.ReadAsync(host, rejection, "replay", cancellationToken);
        if (body is null)
        {
            return ExitCodes.Rejected;
        }

        var contentType = fixedBytes is null ? rejection.Original?.ContentType ?? JsonContentType : JsonContentType;
        var request = new IntakeRequest(rejection.Channel, partner.Id, "replay:" + rejection.RejectionId, contentType, body);
        var result = await host.WithIntakeAsync(intake => intake.AcceptJsonAsync(request, partner, cancellationToken));
        return await ReportAsync(host, rejection, result, cancellationToken);
    }

    private static bool IsJson(string? contentType) =>
        contentType is null || contentType.StartsWith(JsonContentType, StringComparison.OrdinalIgnoreCase);

    private static Partner ReplayPartner(RejectedIntake rejection, string? configFile)
    {
        return rejection.PartnerId is { } partnerId
            ? PartnerCatalog.Resolve(partnerId, configFile)
            : throw new UsageException($"{rejection.RejectionId} has no partner to replay it as.");
    }

    private static async Task<int> ReportAsync(OperatorHost host, RejectedIntake rejection, IntakeResult result, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case IntakeAccepted accepted:
                await host.Store.MarkRejectionReplayedAsync(rejection.RejectionId, accepted.ReferralId, host.Time.GetUtcNow(), cancellationToken);
                await Console.Out.WriteLineAsync($"{(accepted.Duplicate ? "duplicate" : "accepted")} {accepted.ReferralId}");
                return ExitCodes.Ok;
            case IntakeRejected rejected:
                await Console.Out.WriteLineAsync($"rejected {rejected.RejectionId}");
                foreach (var error in rejected.Errors)
                {
                    await Console.Out.WriteLineAsync(RejectionLines.Error(error));
                }

                return ExitCodes.Rejected;
            default:
                throw new InvalidOperationException($"unexpected intake result {result.GetType().Name}");
        }
    }
}
