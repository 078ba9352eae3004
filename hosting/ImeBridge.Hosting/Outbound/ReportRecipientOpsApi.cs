using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using ImeBridge.Core.Outbound.ReportDelivery;
using Microsoft.AspNetCore.Http;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// What an operator does about a report recipient that was not served, with the operator bearer (docs/report-delivery.md):
/// <c>POST /api/ops/referrals/{id}/report-recipients/{recipientKey}/reserve</c> serves it again (optionally by another
/// channel or at a corrected address) and <c>…/mark-served</c> records that it was served by hand. The recipient key
/// is the proof of service's <c>recipientKey</c>. Addresses are masked in answers and never logged.
/// </summary>
public sealed class ReportRecipientOpsApi(OperatorAuth auth, ReportRecipientActions actions)
{
    private const int MaxBodyBytes = 16 * 1024;
    private const int MaxNameLength = 200;
    private const int MaxNoteLength = 1000;

    public async Task<IResult> ReserveAsync(HttpRequest request, string referralId, string recipientKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        var (body, unreadable) = await ReadAsync(request, required: false, "{ \"channel\", \"address\", \"requestId\" } (all optional)", cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var channel = Text(body, "channel", errors);
        var address = Text(body, "address", errors);
        var requestId = Text(body, "requestId", errors);
        if (channel is not null && channel is not ("email" or "webhook" or "fhir"))
        {
            errors["channel"] = ["channel must be email, webhook or fhir."];
        }

        if (address is not null && (channel ?? "email") == "email" && !IsEmailAddress(address))
        {
            errors["address"] = ["address must be an email address (name@example.com)."];
        }

        if (requestId is { Length: > 200 })
        {
            errors["requestId"] = ["requestId must be at most 200 characters."];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var result = await actions.ServeAgainAsync(referralId, recipientKey, new ServeAgainRequest(channel, address, requestId), cancellationToken);
        return result.Outcome switch
        {
            RecipientActionOutcome.Done or RecipientActionOutcome.Replayed => TypedResults.Json(
                new ReserveAnswer(referralId, recipientKey, result.Record!.MessageId, result.Record.Channel!, AddressMask.Mask(result.Record.Address), result.Record.Status, result.Outcome == RecipientActionOutcome.Replayed),
                statusCode: StatusCodes.Status202Accepted),
            _ => Refusal(result, referralId, recipientKey),
        };
    }

    public async Task<IResult> MarkServedAsync(HttpRequest request, string referralId, string recipientKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        var (body, unreadable) = await ReadAsync(request, required: true, "{ \"method\", \"servedAt\", \"by\", \"note\" }", cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var method = Text(body, "method", errors);
        var servedAtText = Text(body, "servedAt", errors);
        var by = Text(body, "by", errors);
        var note = Text(body, "note", errors);
        if (method is null || !OperatorServiceMethods.All.Contains(method))
        {
            errors["method"] = [$"method is required, one of: {string.Join(", ", OperatorServiceMethods.All)}."];
        }

        DateTimeOffset servedAt = default;
        if (servedAtText is null || !HasOffset(servedAtText) || !DateTimeOffset.TryParse(servedAtText, CultureInfo.InvariantCulture, DateTimeStyles.None, out servedAt))
        {
            errors["servedAt"] = ["servedAt is required: when the report was served, ISO 8601 with an offset (2026-05-04T15:30:00-04:00)."];
        }

        if (string.IsNullOrWhiteSpace(by) || by.Length > MaxNameLength)
        {
            errors["by"] = [$"by is required: the name of the operator who served it (at most {MaxNameLength} characters)."];
        }

        if (note is { Length: > MaxNoteLength })
        {
            errors["note"] = [$"note must be at most {MaxNoteLength} characters."];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var result = await actions.MarkServedAsync(referralId, recipientKey, new MarkServedRequest(method!, servedAt, by!.Trim(), string.IsNullOrWhiteSpace(note) ? null : note.Trim()), cancellationToken);
        return result.Outcome == RecipientActionOutcome.Done
            ? TypedResults.Ok(new MarkServedAnswer(referralId, recipientKey, result.Record!.Channel!, result.Record.ReceiptAt!.Value, result.Record.ReceiptKind!, result.Delivered))
            : Refusal(result, referralId, recipientKey);
    }

    private static IResult Refusal(RecipientActionResult result, string referralId, string recipientKey) => result.Outcome switch
    {
        RecipientActionOutcome.ReferralNotFound => ProblemResults.NotFound("Referral not found", $"No referral '{referralId}'."),
        RecipientActionOutcome.RecipientNotFound => ProblemResults.NotFound(
            "Report recipient not found",
            $"Referral '{referralId}' has no report recipient '{recipientKey}'; the proof of service lists each recipient's recipientKey."),
        RecipientActionOutcome.NotApproved => ReportDeliveryProblems.Conflict("The report is not being served", result.Problem!),
        RecipientActionOutcome.AlreadyServed => ReportDeliveryProblems.Conflict(
            "The recipient is already served",
            $"Report recipient '{recipientKey}' is already served ({result.Record?.ReceiptKind ?? "receipt"} at {result.Record?.ReceiptAt?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}); nothing was changed."),
        RecipientActionOutcome.Invalid => Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [result.Field!] = [$"{result.Field} {result.Problem}"] }),
        _ => throw new InvalidOperationException($"unexpected outcome {result.Outcome}"),
    };

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request cannot be used", detail: "Nothing was changed; fix the fields listed in errors.");

    private static async Task<(JsonElement? Body, IResult? Problem)> ReadAsync(HttpRequest request, bool required, string shape, CancellationToken cancellationToken)
    {
        var empty = request.ContentLength == 0 || (request.ContentLength is null && request.ContentType is null);
        if (empty)
        {
            return required ? (null, ProblemResults.InvalidOperatorRequest($"Send a JSON body: {shape}.")) : (null, null);
        }

        if (!JsonMediaType.IsJson(request.ContentType))
        {
            return (null, ProblemResults.UnsupportedMediaType("application/json", $"Send JSON: {shape}."));
        }

        var bytes = await BoundedBodyReader.ReadAsync(request.Body, MaxBodyBytes, request.ContentLength, cancellationToken);
        if (bytes is null)
        {
            return (null, ProblemResults.PayloadTooLarge(MaxBodyBytes));
        }

        if (bytes.Length == 0 && !required)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (null, ProblemResults.InvalidOperatorRequest($"The body must be a JSON object: {shape}."));
        }
        catch (JsonException)
        {
            return (null, ProblemResults.BadRequestBody());
        }
    }

    /// <summary>The string at <paramref name="name"/>; null when absent or null; an error when it is not a string.</summary>
    private static string? Text(JsonElement? body, string name, Dictionary<string, string[]> errors)
    {
        if (body is not { } element || !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[name] = [$"{name} must be a string."];
            return null;
        }

        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static bool IsEmailAddress(string address) =>
        MailAddress.TryCreate(address, out var parsed) && parsed.Address == address && parsed.Host.Contains('.', StringComparison.Ordinal);

    // A time without an offset is ambiguous on a certificate of service.
    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}

/// <summary>The attempt queued to serve a recipient again (<paramref name="Replayed"/>: the same request was made before).</summary>
public sealed record ReserveAnswer(string ReferralId, string RecipientKey, string MessageId, string Channel, string? Address, string Status, bool Replayed);

/// <summary>The service an operator recorded, and whether the referral is now Delivered.</summary>
public sealed record MarkServedAnswer(string ReferralId, string RecipientKey, string Method, DateTimeOffset ServedAt, string ReceiptKind, bool Delivered);
