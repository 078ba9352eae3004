namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// Shows enough of an address for an operator to tell two apart, not enough to read it: <c>j***@example.com</c>,
/// <c>+1518***0100</c>; a URL keeps its scheme and host.
/// </summary>
public static class RecipientMask
{
    public static string Mask(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (Uri.TryCreate(recipient, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return $"{url.Scheme}://{url.Authority}/…";
        }

        var at = recipient.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            return $"{recipient[0]}***{recipient[at..]}";
        }

        return recipient.Length > 8 ? $"{recipient[..5]}***{recipient[^4..]}" : "***";
    }
}
