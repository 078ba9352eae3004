using ImeBridge.Core.Workflow.Documents;
using Microsoft.AspNetCore.Http;

namespace ImeBridge.Hosting.Workflow;

/// <summary>The <c>application/problem+json</c> answers of the documents routes. None quotes a token or a file's content.</summary>
internal static class DocumentsProblems
{
    private const string Rfc9110 = "https://tools.ietf.org/html/rfc9110#section-";

    /// <summary>400 with each bad field and why; <c>allowedKinds</c> always lists the kinds a file may be sent as.</summary>
    public static IResult InvalidUpload(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: "Send multipart/form-data with one file part per document, each part named by the document's kind (for example medicalRecords=@records.pdf).",
            title: "The documents cannot be accepted",
            type: Rfc9110 + "15.5.1",
            extensions: new Dictionary<string, object?> { ["allowedKinds"] = DocumentKinds.All, ["allowedContentTypes"] = DocumentContentTypes.Allowed });

    public static IResult NotMultipart() =>
        TypedResults.Problem(
            detail: "Send the documents as multipart/form-data, one file part per document named by its kind.",
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "The body is not multipart/form-data",
            type: Rfc9110 + "15.5.16");

    public static IResult ReferralClosed(string referralId, string status) =>
        TypedResults.Problem(
            detail: $"Referral '{referralId}' is {status}; it takes no more documents.",
            statusCode: StatusCodes.Status409Conflict,
            title: "The referral is closed",
            type: Rfc9110 + "15.5.10");

    public static IResult PacketNotFound() =>
        TypedResults.Problem(
            detail: "This link is not valid. Ask the sender for a new one.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Packet not found",
            type: Rfc9110 + "15.5.5");

    public static IResult PacketLinkGone(bool replaced) =>
        TypedResults.Problem(
            detail: replaced ? "This link was replaced by a newer one. Use the latest link you were sent, or ask the sender for a new one." : "This link has expired. Ask the sender for a new one.",
            statusCode: StatusCodes.Status410Gone,
            title: replaced ? "The link was replaced" : "The link has expired",
            type: Rfc9110 + "15.5.11");

    public static IResult NoPacketYet(string referralId) =>
        TypedResults.Problem(
            detail: $"Referral '{referralId}' has no packet yet: it is assembled when every required document is in.",
            statusCode: StatusCodes.Status409Conflict,
            title: "No packet to link to",
            type: Rfc9110 + "15.5.10");
}
