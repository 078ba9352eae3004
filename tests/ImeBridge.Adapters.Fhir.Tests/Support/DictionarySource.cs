using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ImeBridge.Adapters.Fhir.Tests.Support;

/// <summary>A partner's server as a dictionary of resources and attachment bytes; records every read.</summary>
internal sealed class DictionarySource : IFhirResourceSource
{
    private static readonly FhirJsonDeserializer Parser = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));
    private readonly Dictionary<string, Resource> resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Data, string? ContentType)> contents = new(StringComparer.Ordinal);

    public List<string> Reads { get; } = [];

    public DictionarySource With(string reference, JsonObject resource)
    {
        resources[reference] = Parser.Deserialize<Resource>(resource.ToJsonString());
        return this;
    }

    public DictionarySource WithContent(string url, byte[] data, string contentType)
    {
        contents[url] = (data, contentType);
        return this;
    }

    public Task<Resource?> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        Reads.Add(reference);
        return System.Threading.Tasks.Task.FromResult(resources.GetValueOrDefault(reference));
    }

    public Task<(byte[] Data, string? ContentType)?> ReadContentAsync(string url, CancellationToken cancellationToken)
    {
        Reads.Add(url);
        return System.Threading.Tasks.Task.FromResult(contents.TryGetValue(url, out var found) ? found : ((byte[], string?)?)null);
    }
}
