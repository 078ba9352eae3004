using ImeBridge.Testing.Servers;

namespace ImeBridge.Cli.Tests.Support;

/// <summary>One real OpenSSH server (SFTP only, loopback) per test class.</summary>
public sealed class SshdFixture : IDisposable
{
    public SshdServer Server { get; } = SshdServer.Start();

    public void Dispose() => Server.Dispose();
}

/// <summary>
/// Tests that run <c>imebridge serve</c> through whole batch files: alone, so the timing of a file being taken in is
/// not skewed by the rest of the suite sharing the cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServeBatchCollection
{
    public const string Name = "serve batch files";
}
