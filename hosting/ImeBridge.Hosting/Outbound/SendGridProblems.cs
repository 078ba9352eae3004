using ImeBridge.Adapters.SendGrid.EventWebhook;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImeBridge.Hosting.Outbound;

/// <summary>The <c>application/problem+json</c> answers of <c>POST /api/sendgrid/events</c>. None quotes the body.</summary>
internal static class SendGridProblems
{
    private const string Rfc9110 = "https://tools.ietf.org/html/rfc9110#section-";

    /// <summary>
    /// 404 like the other optional endpoints (inbound email, operator API): without the key this deployment has no
    /// Event Webhook. SendGrid keeps retrying a refused post for up to 72 hours, so events survive setting the key.
    /// </summary>
    public static ProblemHttpResult NotConfigured() =>
        TypedResults.Problem(
            detail: "Set sendgrid:eventWebhookPublicKey (the verification key SendGrid shows for the signed Event Webhook) to receive events.",
            statusCode: StatusCodes.Status404NotFound,
            title: "The SendGrid Event Webhook is not configured",
            type: Rfc9110 + "15.5.5");

    public static ProblemHttpResult SignatureRejected(EventWebhookCheck check) =>
        TypedResults.Problem(
            detail: check switch
            {
                EventWebhookCheck.MissingHeaders => $"Both {EventWebhookVerifier.SignatureHeader} and {EventWebhookVerifier.TimestampHeader} are required.",
                EventWebhookCheck.StaleTimestamp => $"{EventWebhookVerifier.TimestampHeader} is more than {EventWebhookVerifier.Tolerance.TotalMinutes:0} minutes from the server's clock.",
                _ => $"{EventWebhookVerifier.SignatureHeader} is not a valid signature of the timestamp and body with the configured key.",
            },
            statusCode: StatusCodes.Status403Forbidden,
            title: "The SendGrid event signature could not be verified",
            type: Rfc9110 + "15.5.4",
            extensions: new Dictionary<string, object?> { ["failedCheck"] = check.ToString() });

    public static ProblemHttpResult NotAnEventBatch() =>
        TypedResults.Problem(
            detail: "The body must be a JSON array of event objects.",
            statusCode: StatusCodes.Status400BadRequest,
            title: "The SendGrid event post cannot be used",
            type: Rfc9110 + "15.5.1");
}
