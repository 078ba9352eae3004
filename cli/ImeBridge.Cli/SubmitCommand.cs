using System.CommandLine;
using System.Net.Http.Headers;
using ImeBridge.Adapters.Webhooks;
using ImeBridge.Core.Partners;
using ImeBridge.Hosting;

namespace ImeBridge.Cli;

/// <summary><c>imebridge submit FILE</c>: sends a referral body the way a partner's system does (signed per Standard Webhooks).</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The referral body to send: canonical referral JSON, e.g. samples/webhook/referral.json." };
        var partner = CommonOptions.Partner("The body is signed with this partner's webhook secret.");
        var url = CommonOptions.ServerUrl();
        var config = CommonOptions.Config("Needed for any partner but the demo one.");
        var webhookId = new Option<string?>("--webhook-id")
        {
            Description = "The webhook-id header (the delivery's id). Default: a fresh msg_… id. Send the same id again to see the duplicate answer (200, same referral).",
            HelpName = "ID",
        };
        var command = new Command(
            "submit",
            "Sign FILE with the partner's webhook secret (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature), "
            + "POST it to BASE/api/partners/ID/referrals and print the answer. Exit 0 on 2xx, 1 on 4xx/5xx, 2 when the server cannot be reached.")
        {
            file,
            partner,
            url,
            config,
            webhookId,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetValue(file)!,
            PartnerCatalog.Resolve(parsed.GetValue(partner)!, parsed.GetValue(config)),
            parsed.GetValue(url)!,
            parsed.GetValue(webhookId),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string file, Partner partner, string baseUrl, string? webhookId, CancellationToken cancellationToken)
    {
        var address = ServerAddress.Combine(baseUrl, $"/api/partners/{Uri.EscapeDataString(partner.Id)}/referrals");
        var body = InputFiles.ReadAllBytes(file);
        var headers = new StandardWebhookSigner(partner.WebhookSecret)
            .CreateHeaders(string.IsNullOrWhiteSpace(webhookId) ? NewWebhookId() : webhookId, TimeProvider.System.GetUtcNow(), body);

        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = content };
        foreach (var (name, value) in headers.ToList())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var answer = await ApiCall.SendAsync(request, cancellationToken);
        Console.WriteLine($"webhook-id: {headers.Id}");
        AnswerPrinter.Print(Console.Out, answer);
        var referralId = answer.IsSuccess ? AnswerPrinter.TopLevelString(answer.Body, "referralId") : null;
        if (referralId is not null)
        {
            var token = partner.Id == DemoPartner.Id ? partner.ApiToken : "<apiToken>";
            var partnerOption = partner.Id == DemoPartner.Id ? "" : $" --partner {partner.Id} --config FILE";
            var urlOption = string.Equals(baseUrl, CommonOptions.DefaultServerUrl, StringComparison.OrdinalIgnoreCase) ? "" : " --url " + baseUrl;
            Console.WriteLine();
            Console.WriteLine("Read it back:");
            Console.WriteLine($"  imebridge status {referralId}{partnerOption}{urlOption}");
            Console.WriteLine($"  curl -H \"Authorization: Bearer {token}\" {ServerAddress.Combine(baseUrl, ReferralApi.ReferralLocation(referralId))}");
        }

        return answer.IsSuccess ? ExitCodes.Ok : ExitCodes.Rejected;
    }

    private static string NewWebhookId() => "msg_" + Guid.CreateVersion7().ToString("N");
}
