namespace ImeBridge.Adapters.AzureBlob.Internal;

/// <summary>
/// Blob container naming rules, checked at start-up so a bad setting fails with its reason instead of a 400 from
/// the service on the first document: 3–63 characters, lower-case letters, digits and single hyphens, starting and
/// ending with a letter or digit.
/// </summary>
internal static class ContainerNames
{
    public static void ThrowIfInvalid(string? name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid blob container name: use 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(name));
        }
    }

    public static bool IsValid(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && name[0] != '-'
        && name[^1] != '-'
        && !name.Contains("--", StringComparison.Ordinal);
}
