using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// Resolves references the way a FHIR reader inside one input can: <c>#id</c> to a resource contained in the resource
/// that holds the reference, otherwise to a Bundle entry by its fullUrl (urn:uuid, absolute or relative URL) or by
/// <c>ResourceType/id</c>, then to a resource already fetched from the partner's server. A reference that could live
/// on a server (<c>Type/id</c> or an http(s) URL) and resolves nowhere is remembered in <see cref="Misses"/> so that a
/// caller with a server can fetch it and map again. Not thread-safe: one resolver per input.
/// </summary>
internal sealed class ReferenceResolver
{
    private readonly Dictionary<string, LocatedResource> byFullUrl = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocatedResource> byTypeAndId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocatedResource?> fetched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FetchedContent?> fetchedContent = new(StringComparer.Ordinal);

    public static ReferenceResolver Empty() => new();

    /// <summary>References that could be read from a server and were not found here (nor fetched yet).</summary>
    public HashSet<string> Misses { get; } = new(StringComparer.Ordinal);

    /// <summary>Attachment URLs whose bytes were not fetched yet.</summary>
    public HashSet<string> ContentMisses { get; } = new(StringComparer.Ordinal);

    public static ReferenceResolver ForBundle(Bundle bundle)
    {
        var resolver = new ReferenceResolver();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            if (entry.Resource is null)
            {
                continue;
            }

            var located = new LocatedResource(entry.Resource, $"Bundle.entry[{i}].resource");
            if (!string.IsNullOrEmpty(entry.FullUrl))
            {
                resolver.byFullUrl.TryAdd(entry.FullUrl, located);
            }

            if (!string.IsNullOrEmpty(entry.Resource.Id))
            {
                resolver.byTypeAndId.TryAdd($"{entry.Resource.TypeName}/{entry.Resource.Id}", located);
            }
        }

        return resolver;
    }

    /// <summary>
    /// Records what the server answered for <paramref name="reference"/>: the resource, or null when it is not there.
    /// A fetched resource's path is its type name: errors inside it read <c>Patient.name</c>.
    /// </summary>
    public void AddFetched(string reference, Resource? resource)
    {
        fetched[reference] = resource is null ? null : new LocatedResource(resource, resource.TypeName);
        Misses.Remove(reference);
    }

    /// <summary>Records the bytes fetched for an attachment URL, or null when the server does not have them.</summary>
    public void AddFetchedContent(string url, FetchedContent? content)
    {
        fetchedContent[url] = content;
        ContentMisses.Remove(url);
    }

    /// <summary>True once a fetch was tried for <paramref name="reference"/>, whatever it found.</summary>
    public bool WasFetched(string reference) => fetched.ContainsKey(reference);

    public bool WasContentFetched(string url) => fetchedContent.ContainsKey(url);

    /// <summary>The bytes of an attachment given by URL, when fetched; records a miss otherwise.</summary>
    public FetchedContent? Content(string url)
    {
        if (fetchedContent.TryGetValue(url, out var content))
        {
            return content;
        }

        ContentMisses.Add(url);
        return null;
    }

    /// <summary>The resource <paramref name="reference"/> points at, seen from <paramref name="holder"/>; null when it does not resolve here.</summary>
    public LocatedResource? Resolve(ResourceReference? reference, LocatedResource holder)
    {
        var target = reference?.Reference;
        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        if (target.StartsWith('#'))
        {
            return ResolveContained(target[1..], holder);
        }

        if (byFullUrl.TryGetValue(target, out var byUrl))
        {
            return byUrl;
        }

        if (IsRelative(target) && byTypeAndId.TryGetValue(WithoutHistory(target), out var byId))
        {
            return byId;
        }

        if (fetched.TryGetValue(target, out var fromServer))
        {
            return fromServer;
        }

        if (IsRelative(target) || IsHttpUrl(target))
        {
            Misses.Add(target);
        }

        return null;
    }

    private static LocatedResource? ResolveContained(string id, LocatedResource holder)
    {
        // Contained resources belong to the top-level resource, so a contained resource's own #refs look there too.
        var container = holder.Container ?? holder;
        if (container.Resource is not DomainResource domain)
        {
            return null;
        }

        for (var i = 0; i < domain.Contained.Count; i++)
        {
            if (domain.Contained[i].Id == id)
            {
                return new LocatedResource(domain.Contained[i], $"{container.Path}.contained[{i}]", container);
            }
        }

        return null;
    }

    private static bool IsRelative(string reference) =>
        !reference.Contains(':', StringComparison.Ordinal) && reference.Count(c => c == '/') is 1 or 3;

    private static bool IsHttpUrl(string reference) =>
        reference.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    private static string WithoutHistory(string reference)
    {
        var at = reference.IndexOf("/_history/", StringComparison.Ordinal);
        return at < 0 ? reference : reference[..at];
    }
}

/// <summary>The bytes behind an attachment URL and the media type the server gave them.</summary>
internal sealed record FetchedContent(byte[] Data, string? ContentType);
