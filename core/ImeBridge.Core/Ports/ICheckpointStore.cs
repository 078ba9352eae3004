namespace ImeBridge.Core.Ports;

/// <summary>
/// Durable named checkpoints shared by every instance that uses the same store, such as a partner's polling
/// watermark ("fhir-poll:acme" → "2026-11-27T10:00:00.123Z"). Values are opaque to the store.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>The value last set for <paramref name="key"/>, or null when it was never set.</summary>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, replacing any earlier value; durable once this returns.</summary>
    Task SetAsync(string key, string value, CancellationToken cancellationToken);
}
