using ImeBridge.Adapters.SendGrid.EventWebhook;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// <c>POST /api/sendgrid/events</c>: SendGrid's signed Event Webhook. The raw body is read (bounded) and its ECDSA
/// signature and timestamp checked before a byte of it is parsed; a forged or stale post is 403. Verified events go
/// to <see cref="EmailEventProcessor"/>; the answer is 200 as soon as they are applied (SendGrid retries any other
/// answer, and applying is idempotent).
/// </summary>
public sealed class SendGridEventsApi
{
    /// <summary>SendGrid posts a batch when it reaches 768 KB; the rest is headroom.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly SendGridEventWebhookKey key;
    private readonly EmailEventProcessor processor;
    private readonly ILogger<SendGridEventsApi> logger;

    internal SendGridEventsApi(SendGridEventWebhookKey key, EmailEventProcessor processor, ILogger<SendGridEventsApi> logger)
    {
        this.key = key;
        this.processor = processor;
        this.logger = logger;
    }

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (key.Verifier is not { } verifier)
        {
            return SendGridProblems.NotConfigured();
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return ProblemResults.PayloadTooLarge(MaxBodyBytes);
        }

        byte[]? body;
        try
        {
            body = await BoundedBodyReader.ReadAsync(request.Body, MaxBodyBytes, request.ContentLength, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException)
        {
            return ProblemResults.BadRequestBody();
        }

        if (body is null)
        {
            return ProblemResults.PayloadTooLarge(MaxBodyBytes);
        }

        var check = verifier.Verify(
            request.Headers[EventWebhookVerifier.TimestampHeader].ToString(),
            request.Headers[EventWebhookVerifier.SignatureHeader].ToString(),
            body);
        if (check != EventWebhookCheck.Valid)
        {
            logger.LogWarning("A SendGrid event post was refused: {FailedCheck}", check);
            return SendGridProblems.SignatureRejected(check);
        }

        if (SendGridEvent.ParseBatch(body) is not { } events)
        {
            logger.LogWarning("A signed SendGrid event post was not a JSON array of events ({Bytes} bytes)", body.Length);
            return SendGridProblems.NotAnEventBatch();
        }

        return TypedResults.Ok(await processor.ApplyAsync(events, cancellationToken));
    }
}
