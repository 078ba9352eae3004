namespace ImeBridge.Cli;

/// <summary>Turns <c>--url BASE</c> and an API path into the request address.</summary>
internal static class ServerAddress
{
    public static Uri Combine(string baseUrl, string path)
    {
        if (!Uri.TryCreate(baseUrl.TrimEnd('/'), UriKind.Absolute, out var root) || (root.Scheme != Uri.UriSchemeHttp && root.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--url '{baseUrl}' is not an http:// or https:// address.");
        }

        return new Uri(root.AbsoluteUri.TrimEnd('/') + path);
    }
}
