using Microsoft.AspNetCore.Http;

namespace ImeBridge.Hosting.Outbound;

/// <summary>The <c>application/problem+json</c> answers of the report links and recipients. None quotes a token or an address.</summary>
internal static class ReportDeliveryProblems
{
    private const string Rfc9110 = "https://tools.ietf.org/html/rfc9110#section-";

    public static IResult LinkNotFound() =>
        TypedResults.Problem(
            detail: "This link is not valid. Ask the sender for a new one.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Report not found",
            type: Rfc9110 + "15.5.5");

    public static IResult LinkExpired() =>
        TypedResults.Problem(
            detail: "This link has expired. Ask the sender for a new one.",
            statusCode: StatusCodes.Status410Gone,
            title: "The link has expired",
            type: Rfc9110 + "15.5.11");

    public static IResult UnknownFormat(string format) =>
        TypedResults.Problem(
            detail: $"format '{format}' is not known: leave it out for JSON, or give format=text for a certificate of service.",
            statusCode: StatusCodes.Status400BadRequest,
            title: "Unknown format",
            type: Rfc9110 + "15.5.1");

    public static IResult Conflict(string title, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status409Conflict,
            title: title,
            type: Rfc9110 + "15.5.10");
}
