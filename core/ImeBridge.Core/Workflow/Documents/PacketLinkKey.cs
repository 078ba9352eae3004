namespace ImeBridge.Core.Workflow.Documents;

/// <summary>The secret that signs packet links (see <see cref="PacketLinks"/>). The host decides where it comes from.</summary>
public sealed class PacketLinkKey
{
    public const int MinimumBytes = 32;

    private readonly byte[] key;

    public PacketLinkKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumBytes)
        {
            throw new ArgumentException($"a packet link key needs at least {MinimumBytes} bytes", nameof(key));
        }

        this.key = key.ToArray();
    }

    internal byte[] Bytes => key;
}
