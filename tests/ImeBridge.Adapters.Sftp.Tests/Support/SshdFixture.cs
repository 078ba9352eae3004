using ImeBridge.Testing.Servers;

namespace ImeBridge.Adapters.Sftp.Tests.Support;

/// <summary>One real OpenSSH server per test class.</summary>
public sealed class SshdFixture : IDisposable
{
    public SshdServer Server { get; } = SshdServer.Start();

    public void Dispose() => Server.Dispose();
}
