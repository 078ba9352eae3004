using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ImeBridge.Adapters.Fhir;

/// <summary>FHIR R4 JSON of a resource ImeBridge holds as a POCO (a search result, a Task it writes).</summary>
internal static class FhirJson
{
    public static byte[] Bytes(Resource resource) => Encoding.UTF8.GetBytes(resource.ToJson(pretty: false));
}
