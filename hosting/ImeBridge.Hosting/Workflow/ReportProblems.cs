using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ImeBridge.Hosting.Workflow;

/// <summary>The <c>application/problem+json</c> answers of the report and review routes. None quotes a token or report text.</summary>
internal static class ReportProblems
{
    private const string Rfc9110 = "https://tools.ietf.org/html/rfc9110#section-";

    public static IResult WriterApiNotConfigured() =>
        Problem(StatusCodes.Status404NotFound, "15.5.5", "The report API is not configured", "Set reports:writerToken to take reports.");

    public static IResult WriterTokenRequired() =>
        new ResultWithHeader(
            Problem(StatusCodes.Status401Unauthorized, "15.5.2", "A report writer token is required", "Send Authorization: Bearer <reports:writerToken>."),
            HeaderNames.WWWAuthenticate,
            "Bearer realm=\"imebridge-reports\"");

    /// <summary>400 naming each field: <c>errors</c> maps the field (<c>report</c>, <c>findings.causation</c>) to why.</summary>
    public static IResult InvalidField(string field, string reason) => Invalid([(field, reason)]);

    public static IResult Invalid(IEnumerable<(string Field, string Reason)> errors)
    {
        var byField = errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(
            byField,
            detail: string.Join("; ", byField.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")),
            title: "The request cannot be used",
            type: Rfc9110 + "15.5.1");
    }

    public static IResult WrongState(string detail) =>
        Problem(StatusCodes.Status409Conflict, "15.5.10", "The referral is not in a state that allows this", detail);

    public static IResult NotFound(string referralId) =>
        Problem(StatusCodes.Status404NotFound, "15.5.5", "Referral not found", $"No referral '{referralId}'.");

    public static IResult TooLarge(long maxBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "15.5.14", "The report is too large", $"The report must not exceed {maxBytes} bytes.");

    public static IResult NotMultipart() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "15.5.16", "The body is not multipart/form-data", "Send the PDF as the 'report' file and the JSON as the 'submission' part of multipart/form-data.");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string section, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: Rfc9110 + section);
}
