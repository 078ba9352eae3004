using System.CommandLine;
using System.Net.Http.Headers;
using ImeBridge.Core.Partners;
using ImeBridge.Hosting;

namespace ImeBridge.Cli;

/// <summary><c>imebridge status REFERRAL_ID</c>: reads a referral and its timeline back, as the partner that sent it.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var referralId = new Argument<string>("REFERRAL_ID") { Description = "The referralId that submit printed (the 202 answer)." };
        var partner = CommonOptions.Partner("The request carries this partner's API token; a partner sees only its own referrals.");
        var url = CommonOptions.ServerUrl();
        var config = CommonOptions.Config("Needed for any partner but the demo one.");
        var command = new Command(
            "status",
            "GET BASE/api/referrals/REFERRAL_ID with the partner's bearer token and print the referral, its status and its timeline. "
            + "Exit 0 on 2xx, 1 on 4xx/5xx, 2 when the server cannot be reached.")
        {
            referralId,
            partner,
            url,
            config,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetValue(referralId)!,
            PartnerCatalog.Resolve(parsed.GetValue(partner)!, parsed.GetValue(config)),
            parsed.GetValue(url)!,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string referralId, Partner partner, string baseUrl, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ServerAddress.Combine(baseUrl, ReferralApi.ReferralLocation(referralId)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", partner.ApiToken);
        var answer = await ApiCall.SendAsync(request, cancellationToken);
        AnswerPrinter.Print(Console.Out, answer);
        return answer.IsSuccess ? ExitCodes.Ok : ExitCodes.Rejected;
    }
}
