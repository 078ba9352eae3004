namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>A receive for the writer: how many, for how long, and when a delivery is the last allowed.</summary>
internal sealed record ReceiveRequest(int MaxMessages, long LockDurationMs, int MaxDeliveryCount, TimeProvider Time);
