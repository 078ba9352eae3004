namespace ImeBridge.Hosting;

/// <summary>Reads the token of an <c>Authorization: Bearer &lt;token&gt;</c> header.</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static string? From(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
