using ImeBridge.Core.Ports;

namespace ImeBridge.Cli;

/// <summary>The bytes a rejection was made of, as kept in the database.</summary>
internal static class OriginalBytes
{
    /// <summary>The bytes, or a clear line on standard error and null when they are not in the database.</summary>
    public static async Task<byte[]?> ReadAsync(OperatorHost host, RejectedIntake rejection, string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(rejection);
        var bytes = rejection.Original is { } original ? await host.Store.ReadOriginalAsync(original, cancellationToken) : null;
        if (bytes is null)
        {
            await Console.Error.WriteLineAsync($"imebridge rejections {command}: the original bytes of {rejection.RejectionId} are not in the database.");
        }

        return bytes;
    }
}
