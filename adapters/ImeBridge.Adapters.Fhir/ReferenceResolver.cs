using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// Resolves references the way a FHIR reader inside one input can: <c>#id</c> to a resource contained in the resource
/// that holds the reference, otherwise to a Bundle entry by its fullUrl (urn:uuid, absolute or relative URL) or by
/// <c>ResourceType/id</c>. References to another server are not followed here.
/// </summary>
internal sealed class ReferenceResolver
{
    private readonly Dictionary<string, LocatedResource> byFullUrl = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocatedResource> byTypeAndId = new(StringComparer.Ordinal);

    public static ReferenceResolver Empty { get; } = new();

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

        return IsRelative(target) && byTypeAndId.TryGetValue(WithoutHistory(target), out var byId) ? byId : null;
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

    private static string WithoutHistory(string reference)
    {
        var at = reference.IndexOf("/_history/", StringComparison.Ordinal);
        return at < 0 ? reference : reference[..at];
    }
}
