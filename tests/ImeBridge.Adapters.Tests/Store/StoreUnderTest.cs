using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Tests.Store;

/// <summary>A referral store and the queue its accepts emit into (the same storage).</summary>
public sealed record StoreUnderTest(IReferralStore Store, IMessageQueue Queue);
