namespace ImeBridge.Adapters.Webhooks;

/// <summary>One <c>version,signature</c> pair of a <c>webhook-signature</c> header.</summary>
public sealed record WebhookSignatureEntry(string Version, string Signature)
{
    /// <summary>
    /// Splits a <c>webhook-signature</c> header into its space-separated entries. Entries without a comma
    /// are skipped; unknown versions are returned for the caller to ignore.
    /// </summary>
    public static IReadOnlyList<WebhookSignatureEntry> ParseHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return [];
        }

        var entries = new List<WebhookSignatureEntry>();
        foreach (var part in header.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var comma = part.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0)
            {
                continue;
            }

            entries.Add(new WebhookSignatureEntry(part[..comma], part[(comma + 1)..]));
        }

        return entries;
    }
}
