using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// Where references that are not in the input are read from: the partner's FHIR server. Implementations refuse any
/// URL that is not on that server (answering null), so a referral cannot make ImeBridge call another host.
/// </summary>
public interface IFhirResourceSource
{
    /// <summary>The resource at <paramref name="reference"/> (<c>Type/id</c> or an absolute URL); null when the server does not have it.</summary>
    Task<Resource?> ReadAsync(string reference, CancellationToken cancellationToken);

    /// <summary>The bytes behind an attachment URL and their media type; null when the server does not have them.</summary>
    Task<(byte[] Data, string? ContentType)?> ReadContentAsync(string url, CancellationToken cancellationToken);
}
