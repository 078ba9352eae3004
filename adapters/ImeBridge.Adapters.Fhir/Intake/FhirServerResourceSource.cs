using Hl7.Fhir.Model;
using ImeBridge.Adapters.Fhir.Server;

namespace ImeBridge.Adapters.Fhir.Intake;

/// <summary>Reads what a referral references from the partner's server; anything not on that server reads as absent.</summary>
internal sealed class FhirServerResourceSource(FhirServerClient server) : IFhirResourceSource
{
    public async Task<Resource?> ReadAsync(string reference, CancellationToken cancellationToken) =>
        server.Locate(reference) is null ? null : (await server.ReadAsync(reference, cancellationToken))?.Resource;

    public async Task<(byte[] Data, string? ContentType)?> ReadContentAsync(string url, CancellationToken cancellationToken)
    {
        if (server.Locate(url) is not { } located)
        {
            return null;
        }

        var content = await server.ReadContentAsync(located, cancellationToken);
        return content is null ? null : (content.Data.ToArray(), content.ContentType);
    }
}
