using Microsoft.Net.Http.Headers;

namespace ImeBridge.Hosting;

/// <summary>Recognises JSON request bodies: <c>application/json</c> or <c>application/*+json</c>, UTF-8 when a charset is given.</summary>
internal static class JsonMediaType
{
    public static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var isJson = media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                && media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
        if (!isJson)
        {
            return false;
        }

        var charset = media.Charset;
        return !charset.HasValue
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
