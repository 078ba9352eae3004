using System.Security.Cryptography;
using System.Text;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Documents;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting.Workflow;

/// <summary>
/// <c>POST /api/referrals/{referralId}/documents</c>: the referrer adds documents to its referral (its bearer token;
/// another partner's referral is answered 404 like one that does not exist). The bytes go to the document store, then
/// a <see cref="DocumentsMessages.DocumentsReceived"/> message in the referral's session adds them to the case and checks
/// the checklist again. 202 with what was received and what is still missing. Logs ids, kinds and counts only.
/// </summary>
public sealed class DocumentsApi(
    PartnerReferralAccess access,
    IDocumentStore documents,
    IMessageQueue queue,
    DocumentsProgress progress,
    IOptions<DocumentsOptions> options,
    TimeProvider time,
    ILogger<DocumentsApi> logger)
{
    public static string DocumentsLocation(string referralId) => "/api/referrals/" + Uri.EscapeDataString(referralId) + "/documents";

    public async Task<IResult> UploadAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();
        var (result, outcome) = await ReceiveAsync(request, referralId, cancellationToken);
        logger.LogInformation(
            "Documents upload for {ReferralId}: {StatusCode} {Outcome} in {ElapsedMs:0.0} ms",
            referralId,
            (result as IStatusCodeHttpResult)?.StatusCode,
            outcome,
            time.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private async Task<(IResult Result, string Outcome)> ReceiveAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        var read = await access.ReadAsync(request, referralId, cancellationToken);
        if (read is not { Partner: { } partner, Referral: { } stored })
        {
            return (read.Refusal!, read.Outcome);
        }

        if (stored.Status is ReferralStatus.Closed or ReferralStatus.Cancelled or ReferralStatus.Rejected or ReferralStatus.Linked)
        {
            return (DocumentsProblems.ReferralClosed(referralId, stored.Status), "closed");
        }

        var maxBytes = options.Value.MaxUploadBytes;
        if (request.ContentLength > maxBytes)
        {
            return (ProblemResults.PayloadTooLarge(maxBytes), "too large (content-length)");
        }

        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (DocumentsProblems.NotMultipart(), "not multipart");
        }

        IFormCollection form;
        try
        {
            form = await ReadFormAsync(request, maxBytes, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (ProblemResults.PayloadTooLarge(maxBytes), "too large (server limit)");
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // The form reader's limits (body length, part count, header size) were exceeded.
            return (ProblemResults.PayloadTooLarge(maxBytes), "too large (form limits)");
        }
        catch (InvalidDataException)
        {
            return (DocumentsProblems.InvalidUpload(new Dictionary<string, string[]> { [DocumentUpload.FilesField] = ["The multipart body could not be read; send at least one file part."] }), "unreadable form");
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException)
        {
            return (ProblemResults.BadRequestBody(), "unreadable body");
        }

        var (files, errors) = await DocumentUpload.CheckAsync(form, options.Value.MaxFilesPerUpload, cancellationToken);
        if (errors.Count > 0)
        {
            return (DocumentsProblems.InvalidUpload(errors), $"refused: {errors.Count} fields");
        }

        var received = new List<(DocumentUploadFile File, ReceivedDocument Document)>();
        foreach (var file in files)
        {
            await using var content = file.File.OpenReadStream();
            var kept = await documents.PutAsync(content, file.ContentType, cancellationToken);
            received.Add((file, new ReceivedDocument(file.Kind, kept.Sha256, file.ContentType, kept.Size)));
        }

        var now = time.GetUtcNow();
        var body = new DocumentsReceived(referralId, partner.Id, [.. received.Select(r => r.Document)], now);
        await queue.SendAsync([WorkflowMessages.Create(DocumentsMessages.DocumentsReceived, referralId, UploadId(referralId, body), body)], cancellationToken);

        var missing = await StillMissingAsync(stored, body, cancellationToken);
        var response = new DocumentsAcceptedResponse(
            referralId,
            [.. received.Select(r => new DocumentAccepted(r.Document.Kind, r.File.FileName, r.Document.ContentType, r.Document.Size, r.Document.Sha256))],
            missing);
        return (TypedResults.Accepted(ReferralApi.ReferralLocation(referralId), response), $"accepted {received.Count} documents, {missing.Count} kinds still missing");
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        var formOptions = new FormOptions { MultipartBodyLengthLimit = maxBytes, ValueCountLimit = 64 };
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, formOptions));
        return await request.ReadFormAsync(cancellationToken);
    }

    // The same files for the same referral make the same message, which the queue takes once.
    private static string UploadId(string referralId, DocumentsReceived body)
    {
        var files = string.Join('\n', body.Documents.Select(d => d.Kind + ":" + d.Sha256).Order(StringComparer.Ordinal));
        return "upload:" + referralId + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(files)))[..32];
    }

    private async Task<IReadOnlyList<string>> StillMissingAsync(StoredReferral stored, DocumentsReceived body, CancellationToken cancellationToken)
    {
        var current = stored.Case.Documents ?? CaseDocuments.Empty;
        var added = body.Documents.Select(d => new CaseDocument(d.Kind, d.Sha256, d.ContentType, d.Size, body.ReceivedAt));
        var withUpload = stored with { Case = stored.Case with { Documents = current with { Received = [.. current.Received, .. added] } } };
        var (_, checklist) = await progress.CheckAsync(withUpload, cancellationToken);
        return checklist.Missing;
    }
}

/// <summary>The 202 answer to an upload: what was received and which required kinds are still missing.</summary>
public sealed record DocumentsAcceptedResponse(string ReferralId, IReadOnlyList<DocumentAccepted> Received, IReadOnlyList<string> Missing);

public sealed record DocumentAccepted(string Kind, string FileName, string ContentType, long Size, string Sha256);
