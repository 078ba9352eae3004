namespace ImeBridge.Cli;

/// <summary>The exit codes every command uses.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked (or the server answered 2xx).</summary>
    public const int Ok = 0;

    /// <summary>Input was rejected (or the server answered 4xx / 5xx).</summary>
    public const int Rejected = 1;

    /// <summary>Usage error: bad arguments, missing file, bad configuration, unreachable server.</summary>
    public const int Usage = 2;
}
