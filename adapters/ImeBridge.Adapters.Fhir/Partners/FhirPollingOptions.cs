using System.Diagnostics.CodeAnalysis;

namespace ImeBridge.Adapters.Fhir.Partners;

/// <summary><c>partners[i].fhir.polling</c>: <c>GET ServiceRequest?_lastUpdated=gt…</c> on a schedule.</summary>
public sealed class FhirPollingOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>_count</c>: ServiceRequests per page.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Pages read in one poll; the rest waits for the next poll (the watermark moves page by page).</summary>
    public int MaxPages { get; set; } = 20;

    /// <summary>Where the first poll starts when no watermark is stored yet; the moment of that first poll when null.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>
    /// How far before the watermark each search starts. A server commits updates out of order by a little; a
    /// ServiceRequest read twice is recognised and not stored twice.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>More search parameters, e.g. <c>{"status": "active", "performer": "Organization/ime-vendor"}</c>.</summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);
}
