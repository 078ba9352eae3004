using ImeBridge.Adapters.Webhooks;
using ImeBridge.Core.Outbound.PartnerEvents;

namespace ImeBridge.Hosting.Outbound;

/// <summary>What makes a webhook subscription usable, shared by the configuration check and the operator API. Messages never quote a secret.</summary>
internal static class WebhookSubscriptionRules
{
    public const int MinimumSecretBytes = ImeBridgeOptionsValidator.MinimumSecretBytes;

    public static string? UrlProblem(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !string.IsNullOrEmpty(uri.Host)
            ? null
            : "must be an absolute http or https URL.";

    public static string? SecretProblem(string? secret) =>
        secret is not null
        && secret.StartsWith(StandardWebhookSecret.Prefix, StringComparison.Ordinal)
        && StandardWebhookSecret.TryDecode(secret, out var key)
        && key.Length >= MinimumSecretBytes
            ? null
            : $"must be 'whsec_' followed by the base64 of at least {MinimumSecretBytes} bytes.";

    public static string? EventsProblem(IReadOnlyCollection<string>? events) =>
        events is null || events.Count == 0
            ? $"must list at least one event type ({string.Join(", ", PartnerEventTypes.Known)}) or '*'."
            : events.FirstOrDefault(e => e != PartnerEventTypes.All && !PartnerEventTypes.Known.Contains(e)) is { } unknown
                ? $"'{unknown}' is not an event type; use {string.Join(", ", PartnerEventTypes.Known)} or '*'."
                : null;

    public static string? IdProblem(string? id) =>
        id is null || (id.Length is > 0 and <= 100 && id != "deliveries" && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            ? null
            : "may contain only letters, digits, '-', '_' and '.' (at most 100), and is not 'deliveries' (a route of its own).";

    /// <summary>The problems of a partner's configured webhooks, each naming the entry and field.</summary>
    public static IEnumerable<string> Validate(IReadOnlyList<PartnerWebhookOptions>? webhooks, string? partnerId)
    {
        if (webhooks is null)
        {
            yield break;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < webhooks.Count; i++)
        {
            var webhook = webhooks[i];
            var label = $"webhooks[{i}]";
            if (IdProblem(webhook.Id) is { } idProblem)
            {
                yield return $"{label}.id {idProblem}";
            }
            else if (!ids.Add(webhook.Id ?? PartnerWebhookOptions.DefaultId(partnerId ?? "", i)))
            {
                yield return $"{label}.id is used by more than one webhook.";
            }

            if (UrlProblem(webhook.Url) is { } urlProblem)
            {
                yield return $"{label}.url {urlProblem}";
            }

            if (SecretProblem(webhook.Secret) is { } secretProblem)
            {
                yield return $"{label}.secret {secretProblem}";
            }

            if (EventsProblem(webhook.Events) is { } eventsProblem)
            {
                yield return $"{label}.events {eventsProblem}";
            }
        }
    }
}
