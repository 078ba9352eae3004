namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>How a received message is settled.</summary>
internal enum SettleKind
{
    Complete,
    Abandon,
    DeadLetter,
}
