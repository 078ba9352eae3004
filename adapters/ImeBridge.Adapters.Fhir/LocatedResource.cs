using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// A resource and the FHIRPath expression of where it sits in the input (<c>Bundle.entry[1].resource</c>);
/// <paramref name="Container"/> is the resource holding it when it is a contained resource.
/// </summary>
internal sealed record LocatedResource(Resource Resource, string Path, LocatedResource? Container = null)
{
    public string At(string element) => string.Concat(Path, ".", element);
}
