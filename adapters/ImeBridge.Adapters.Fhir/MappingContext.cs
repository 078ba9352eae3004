using Hl7.Fhir.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Fhir;

/// <summary>What one ServiceRequest's mapping shares: the resolver, the partner's settings, the errors found and the attachments.</summary>
internal sealed class MappingContext(ReferenceResolver resolver, LocatedResource serviceRequest, FhirMappingOptions options)
{
    public LocatedResource ServiceRequest { get; } = serviceRequest;

    public FhirMappingOptions Options { get; } = options;

    public List<FieldError> Errors { get; } = [];

    public List<FhirInlineAttachment> Attachments { get; } = [];

    public LocatedResource? Resolve(ResourceReference? reference, LocatedResource holder) => resolver.Resolve(reference, holder);

    /// <summary>The bytes behind an attachment URL once fetched from the partner's server; null until then.</summary>
    public FetchedContent? Content(string url) => resolver.Content(url);

    /// <summary>The resources <paramref name="references"/> resolve to, of type <typeparamref name="T"/>; the others are skipped.</summary>
    public IEnumerable<(T Resource, LocatedResource Located)> ResolveAll<T>(IEnumerable<ResourceReference> references, LocatedResource holder)
        where T : Resource
    {
        foreach (var reference in references)
        {
            if (Resolve(reference, holder) is { Resource: T typed } located)
            {
                yield return (typed, located);
            }
        }
    }
}
