using System.Diagnostics.CodeAnalysis;

namespace ImeBridge.Adapters.Fhir.Partners;

/// <summary>The FHIR channel's settings; <see cref="Partners"/> is bound from the configuration's <c>partners</c> array.</summary>
public sealed class FhirOptions
{
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    [SuppressMessage("Design", "CA1002:Do not expose generic lists", Justification = "Bound from configuration.")]
    public List<FhirPartnerEntry> Partners { get; set; } = [];

    /// <summary>How long one poll holds <c>fhir-poll:{partnerId}</c>.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    public FhirPartnerOptions? For(string partnerId) =>
        Partners.FirstOrDefault(p => string.Equals(p.Id, partnerId, StringComparison.Ordinal))?.Fhir;

    /// <summary>The partners that have a server with polling configured.</summary>
    public IEnumerable<(string PartnerId, FhirPartnerOptions Fhir)> PollingPartners =>
        Partners.Where(p => !string.IsNullOrWhiteSpace(p.Id) && p.Fhir is { Server: not null, Polling: not null }).Select(p => (p.Id!, p.Fhir!));
}
