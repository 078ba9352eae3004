namespace ImeBridge.Adapters.Sftp;

/// <summary>
/// Remembers, between polls, when each waiting file was first seen with its current size and modification time.
/// A file is ready once both have stayed the same for the partner's <c>stableFor</c>: one still being uploaded
/// keeps changing and is left alone. Kept in memory: after a restart a file simply waits one more poll.
/// </summary>
internal sealed class FileStabilityTracker(TimeProvider time)
{
    private readonly Dictionary<string, Dictionary<string, Sighting>> byPartner = new(StringComparer.Ordinal);

    /// <summary>The files of <paramref name="listed"/> that are ready; forgets files no longer listed.</summary>
    public IReadOnlyList<RemoteFile> Ready(string partnerId, IReadOnlyList<RemoteFile> listed, TimeSpan stableFor)
    {
        if (stableFor <= TimeSpan.Zero)
        {
            return listed;
        }

        var now = time.GetUtcNow();
        var ready = new List<RemoteFile>();
        lock (byPartner)
        {
            var previous = byPartner.GetValueOrDefault(partnerId) ?? new Dictionary<string, Sighting>(StringComparer.Ordinal);
            var current = new Dictionary<string, Sighting>(StringComparer.Ordinal);
            foreach (var file in listed)
            {
                var sighting = previous.TryGetValue(file.Name, out var seen) && seen.Size == file.Size && seen.LastWriteUtc == file.LastWriteUtc
                    ? seen
                    : new Sighting(file.Size, file.LastWriteUtc, now);
                current[file.Name] = sighting;
                if (now - sighting.Since >= stableFor)
                {
                    ready.Add(file);
                }
            }

            byPartner[partnerId] = current;
        }

        return ready;
    }

    /// <summary>Drops what is remembered of a file, once it is taken.</summary>
    public void Forget(string partnerId, string name)
    {
        lock (byPartner)
        {
            byPartner.GetValueOrDefault(partnerId)?.Remove(name);
        }
    }

    private sealed record Sighting(long Size, DateTime LastWriteUtc, DateTimeOffset Since);
}
