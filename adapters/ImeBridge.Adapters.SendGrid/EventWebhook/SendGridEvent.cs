using System.Text.Json;

namespace ImeBridge.Adapters.SendGrid.EventWebhook;

/// <summary>
/// One event of a verified Event Webhook post, reduced to what is matched and recorded: ids, the event name and
/// codes. The recipient address and SendGrid's free-text reason are deliberately not kept (PHI).
/// </summary>
/// <param name="MessageId">Our message id, from the <c>imebridge_message_id</c> custom arg; null for mail we did not tag.</param>
/// <param name="BounceType">For <c>bounce</c>: <c>bounce</c>, <c>blocked</c> (or <c>expired</c>).</param>
/// <param name="SmtpStatus">The enhanced status code of a bounce (e.g. <c>5.2.2</c>).</param>
/// <param name="Reason">SendGrid's reason, only for <c>dropped</c> and only when it is one of SendGrid's fixed phrases.</param>
public sealed record SendGridEvent(
    string Event,
    string? MessageId,
    string? ReferralId,
    string? SgMessageId,
    string? BounceType,
    string? SmtpStatus,
    string? Reason,
    DateTimeOffset? OccurredAt)
{
    public const string MessageIdArg = "imebridge_message_id";
    public const string ReferralIdArg = "imebridge_referral_id";

    /// <summary>SendGrid's fixed <c>dropped</c> reasons (none quotes the address), as short codes.</summary>
    private static readonly Dictionary<string, string> DroppedReasons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Bounced Address"] = "bounced-address",
        ["Unsubscribed Address"] = "unsubscribed-address",
        ["Spam Reporting Address"] = "spam-reporting-address",
        ["Invalid"] = "invalid",
        ["Invalid SMTPAPI header"] = "invalid-smtpapi-header",
        ["Recipient List over Package Quota"] = "over-package-quota",
    };

    /// <summary>
    /// The events of a post body (a JSON array of objects); null when the body is not such an array. Elements that are
    /// not objects or have no <c>event</c> are skipped.
    /// </summary>
    public static IReadOnlyList<SendGridEvent>? ParseBatch(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var events = new List<SendGridEvent>(document.RootElement.GetArrayLength());
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.Object && Text(element, "event") is { Length: > 0 } name)
                {
                    events.Add(new SendGridEvent(
                        name,
                        Text(element, MessageIdArg),
                        Text(element, ReferralIdArg),
                        Text(element, "sg_message_id"),
                        Text(element, "type"),
                        Text(element, "status"),
                        name == "dropped" && Text(element, "reason") is { } reason && DroppedReasons.TryGetValue(reason, out var code) ? code : null,
                        element.TryGetProperty("timestamp", out var ts) && ts.TryGetInt64(out var seconds) && seconds is > 0 and < 253402300800
                            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                            : null));
                }
            }

            return events;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
