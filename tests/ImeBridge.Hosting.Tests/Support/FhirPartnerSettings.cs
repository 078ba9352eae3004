using System.Globalization;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>The <c>partners[i].fhir</c> configuration keys of one test partner, pointing at a <see cref="PartnerFhirServer"/>.</summary>
internal sealed class FhirPartnerSettings
{
    public string? DefaultJurisdiction { get; set; } = "NY";

    /// <summary>False: the partner has no <c>fhir.server</c> (nor polling).</summary>
    public bool HasServer { get; set; } = true;

    public bool WriteBack { get; set; } = true;

    public bool Polling { get; set; } = true;

    /// <summary>Attempts per HTTP call (the client's own retries); 1 leaves every retry to the queue.</summary>
    public int MaxAttempts { get; set; } = 3;

    public void AddTo(IDictionary<string, string?> settings, int partnerIndex, PartnerFhirServer server)
    {
        var key = $"partners:{partnerIndex}:fhir:";
        settings[key + "defaultJurisdiction"] = DefaultJurisdiction;
        settings[key + "writeBack"] = WriteBack ? "true" : "false";
        if (!HasServer)
        {
            return;
        }

        settings[key + "server:baseUrl"] = server.BaseUrl;
        settings[key + "server:maxAttempts"] = MaxAttempts.ToString(CultureInfo.InvariantCulture);
        settings[key + "server:retryBaseDelay"] = "00:00:00.050";
        settings[key + "server:auth:tokenUrl"] = server.TokenUrl;
        settings[key + "server:auth:clientId"] = PartnerFhirServer.ClientId;
        settings[key + "server:auth:clientSecret"] = PartnerFhirServer.ClientSecret;
        settings[key + "server:auth:scope"] = PartnerFhirServer.Scope;
        if (Polling)
        {
            settings[key + "polling:interval"] = "00:05:00";
            settings[key + "polling:pageSize"] = "2";
            settings[key + "polling:since"] = "2026-11-01T00:00:00Z";
        }
    }
}
