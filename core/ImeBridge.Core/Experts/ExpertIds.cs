namespace ImeBridge.Core.Experts;

/// <summary>How expert ids are made.</summary>
public static class ExpertIds
{
    public const string NpiPrefix = "npi:";

    /// <summary>The default id of the expert with <paramref name="npi"/>: <c>npi:1234567893</c>.</summary>
    public static string FromNpi(string npi) => NpiPrefix + npi;
}
