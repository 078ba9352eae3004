using System.Globalization;
using System.Text.Json;
using ImeBridge.Adapters.Postgres;
using ImeBridge.Core.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImeBridge.Hosting.Engines;

/// <summary>
/// What an operator does about the outbox messages Service Bus refused for good (the <c>outbox.refused</c> alert), with
/// the operator bearer: <c>GET /api/ops/outbox/refused[?all=true]</c> lists them (ids, type, reason, how many of the
/// referral's later messages wait behind each; never the body), <c>POST …/{seq}/replay</c> puts one back into the
/// outbox ahead of the messages it held, <c>POST …/{seq}/discard</c> <c>{"reason"}</c> gives it up for good and
/// releases its referral. Only the PostgreSQL store with <c>bus=servicebus</c> has an outbox; on any other engines
/// (<paramref name="refusals"/> null) every route answers 404 saying so. The discard reason is kept, never logged.
/// </summary>
public sealed class OutboxRefusedOpsApi(OperatorAuth auth, OutboxRefusals? refusals)
{
    /// <summary>As long as <see cref="OutboxRefusals.DiscardAsync"/> accepts.</summary>
    public const int MaxReasonLength = 500;

    private const int MaxBodyBytes = 8 * 1024;
    private const int DefaultMax = 100;
    private const int MaxListed = 1000;
    private const string DiscardShape = "{ \"reason\": \"why it is given up\" }";

    /// <summary><c>GET /api/ops/outbox/refused?all=true&amp;max=N</c>: the refused messages, oldest first; with <c>all</c>, discarded ones too.</summary>
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Unavailable(request) is { } unavailable)
        {
            return unavailable;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var all = false;
        if (request.Query["all"].ToString() is { Length: > 0 } allText && !bool.TryParse(allText, out all))
        {
            errors["all"] = ["all must be true or false."];
        }

        var max = DefaultMax;
        if (request.Query["max"].ToString() is { Length: > 0 } maxText
            && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > MaxListed))
        {
            errors["max"] = [$"max must be a whole number from 1 to {MaxListed}."];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var list = await refusals!.ListAsync(all, max, cancellationToken);
        return TypedResults.Json(new RefusedOutboxList([.. list.Select(RefusedOutboxMessageView.From)]), ReferralJson.Options);
    }

    /// <summary>
    /// <c>POST /api/ops/outbox/refused/{seq}/replay</c>: back into the outbox under its own seq, so the relay sends it
    /// before the messages it held (once the bus takes it; refused again, it is set aside again with a new alert).
    /// </summary>
    public async Task<IResult> ReplayAsync(HttpRequest request, string seq, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Unavailable(request) is { } unavailable)
        {
            return unavailable;
        }

        if (InvalidSeq(seq, out var number) is { } invalid)
        {
            return invalid;
        }

        var before = await FindHoldingAsync(number, cancellationToken);
        if (!await refusals!.ReplayAsync(number, cancellationToken))
        {
            return NotFound(number);
        }

        return TypedResults.Ok(new RefusedOutboxActionAnswer(number, "replayed", before?.MessageId, before?.Type, before?.SessionId, before?.HeldBehind, null));
    }

    /// <summary>
    /// <c>POST /api/ops/outbox/refused/{seq}/discard</c> <c>{"reason"}</c>: never sent; kept on record with the reason,
    /// and the referral's later messages flow again.
    /// </summary>
    public async Task<IResult> DiscardAsync(HttpRequest request, string seq, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Unavailable(request) is { } unavailable)
        {
            return unavailable;
        }

        if (InvalidSeq(seq, out var number) is { } invalid)
        {
            return invalid;
        }

        var (reason, unusable) = await ReadReasonAsync(request, cancellationToken);
        if (unusable is not null)
        {
            return unusable;
        }

        var before = await FindHoldingAsync(number, cancellationToken);
        if (!await refusals!.DiscardAsync(number, reason!, cancellationToken))
        {
            return NotFound(number);
        }

        return TypedResults.Ok(new RefusedOutboxActionAnswer(number, "discarded", before?.MessageId, before?.Type, before?.SessionId, before?.HeldBehind, reason));
    }

    /// <summary>The operator check first (the engines in use are nobody else's business), then whether there is an outbox at all.</summary>
    private IResult? Unavailable(HttpRequest request) =>
        auth.Refuse(request) ?? (refusals is null
            ? ProblemResults.NotFound(
                "There is no outbox",
                "The outbox exists only with bus=servicebus (and store=postgres): it carries messages from PostgreSQL to Service Bus, and only a message Service Bus refuses is set aside there. The engines in use queue messages in their own database, which refuses none.")
            : null);

    private static ValidationProblem? InvalidSeq(string seq, out long number) =>
        long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0
            ? null
            : Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["seq"] = ["seq must be the positive whole number a refused message is listed with (GET /api/ops/outbox/refused)."],
            });

    private static IResult NotFound(long seq) =>
        ProblemResults.NotFound(
            "Refused outbox message not found",
            $"No refused outbox message that is not discarded has seq {seq}; GET /api/ops/outbox/refused lists them.");

    /// <summary>What the answer describes: the row as it was just before the change (the change itself decides 404).</summary>
    private Task<RefusedOutboxMessage?> FindHoldingAsync(long seq, CancellationToken cancellationToken) =>
        refusals!.FindAsync(seq, cancellationToken);

    private static async Task<(string? Reason, IResult? Problem)> ReadReasonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var empty = request.ContentLength == 0 || (request.ContentLength is null && request.ContentType is null);
        if (empty)
        {
            return (null, ReasonRequired());
        }

        if (!JsonMediaType.IsJson(request.ContentType))
        {
            return (null, ProblemResults.UnsupportedMediaType("application/json", $"Send JSON: {DiscardShape}."));
        }

        var bytes = await BoundedBodyReader.ReadAsync(request.Body, MaxBodyBytes, request.ContentLength, cancellationToken);
        if (bytes is null)
        {
            return (null, ProblemResults.PayloadTooLarge(MaxBodyBytes));
        }

        if (bytes.Length == 0)
        {
            return (null, ReasonRequired());
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ProblemResults.InvalidOperatorRequest($"The body must be a JSON object: {DiscardShape}."));
            }

            return document.RootElement.TryGetProperty("reason", out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString()!.Trim() is { Length: > 0 and <= MaxReasonLength } reason
                ? (reason, null)
                : (null, ReasonRequired());
        }
        catch (JsonException)
        {
            return (null, ProblemResults.BadRequestBody());
        }
    }

    private static ValidationProblem ReasonRequired() =>
        Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["reason"] = [$"reason is required: a string saying why the message is given up, not blank, at most {MaxReasonLength} characters."],
        });

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request cannot be used", detail: "Nothing was changed; fix the fields listed in errors.");
}
