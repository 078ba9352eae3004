using ImeBridge.Adapters.Webhooks;
using ImeBridge.Core.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ImeBridge.Hosting;

/// <summary>The <c>application/problem+json</c> answers of the API (RFC 9457). None quotes a secret or the request body.</summary>
internal static class ProblemResults
{
    private const string Rfc9110 = "https://tools.ietf.org/html/rfc9110#section-";

    public static IResult InvalidReferral(IntakeRejected rejection)
    {
        var errors = rejection.Errors
            .GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(
            errors,
            detail: $"The input was kept as rejection {rejection.RejectionId}; fix the fields listed in errors and send it again.",
            title: "The referral is not valid",
            type: Rfc9110 + "15.5.1",
            extensions: new Dictionary<string, object?> { ["rejectionId"] = rejection.RejectionId });
    }

    public static IResult UnknownPartner(string partnerId) =>
        Problem(StatusCodes.Status404NotFound, "15.5.5", "Unknown partner", $"No partner '{partnerId}' is configured.");

    public static IResult ReferralNotFound(string referralId) =>
        Problem(StatusCodes.Status404NotFound, "15.5.5", "Referral not found", $"No referral '{referralId}' is visible to this partner.");

    public static IResult PayloadTooLarge(long maxBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "15.5.14", "The body is too large", $"The request body must not exceed {maxBytes} bytes.");

    public static IResult UnsupportedMediaType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "15.5.16", "The body is not JSON", "Send the referral as application/json (UTF-8).");

    public static IResult UnsupportedMediaType(string expected, string detail) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "15.5.16", $"The body is not {expected}", detail);

    public static IResult InboundSecretRejected() =>
        new ResultWithHeader(
            Problem(StatusCodes.Status401Unauthorized, "15.5.2", "The inbound email secret is missing or wrong", "Give the secret in the URL SendGrid posts to (basic auth or ?key=)."),
            HeaderNames.WWWAuthenticate,
            "Basic realm=\"imebridge-inbound-email\"");

    public static IResult InvalidInboundEmail(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "15.5.1", "The inbound email post cannot be used", detail);

    public static IResult InboundEmailNotConfigured() =>
        Problem(StatusCodes.Status404NotFound, "15.5.5", "Inbound email is not configured", "Set inboundEmail.secret to receive SendGrid Inbound Parse posts.");

    public static IResult BadRequestBody() =>
        Problem(StatusCodes.Status400BadRequest, "15.5.1", "The request body could not be read", "The request body was malformed or incomplete.");

    public static IResult SignatureRejected(WebhookVerificationResult verification) =>
        TypedResults.Problem(
            detail: verification.Reason,
            statusCode: StatusCodes.Status401Unauthorized,
            title: "The webhook signature could not be verified",
            type: Rfc9110 + "15.5.2",
            extensions: new Dictionary<string, object?> { ["failedCheck"] = verification.Status.ToString() });

    public static IResult BearerTokenRequired(bool tokenWasSent)
    {
        var challenge = tokenWasSent ? "Bearer realm=\"imebridge\", error=\"invalid_token\"" : "Bearer realm=\"imebridge\"";
        var problem = Problem(
            StatusCodes.Status401Unauthorized,
            "15.5.2",
            "A valid bearer token is required",
            tokenWasSent ? "The bearer token is not valid." : "Send Authorization: Bearer <apiToken>.");
        return new ResultWithHeader(problem, HeaderNames.WWWAuthenticate, challenge);
    }

    public static IResult OperatorApiNotConfigured() =>
        Problem(StatusCodes.Status404NotFound, "15.5.5", "The operator API is not configured", "Set operatorToken to use /api/ops.");

    public static IResult OperatorTokenRequired() =>
        new ResultWithHeader(
            Problem(StatusCodes.Status401Unauthorized, "15.5.2", "An operator token is required", "Send Authorization: Bearer <operatorToken>."),
            HeaderNames.WWWAuthenticate,
            "Bearer realm=\"imebridge-ops\"");

    public static IResult InvalidOperatorRequest(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "15.5.1", "The request cannot be used", detail);

    public static IResult TransitionRefused(string detail) =>
        Problem(StatusCodes.Status409Conflict, "15.5.10", "The transition is not allowed", detail);

    public static IResult NotFound(string title, string detail) =>
        Problem(StatusCodes.Status404NotFound, "15.5.5", title, detail);

    private static ProblemHttpResult Problem(int status, string section, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: Rfc9110 + section);
}
