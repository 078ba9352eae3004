using ImeBridge.Adapters.Fhir;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Partners;
using ImeBridge.Hosting;

namespace ImeBridge.Cli;

/// <summary>Finds the partner a client command acts as: the built-in demo partner, or one from <c>--config</c>.</summary>
internal static class PartnerCatalog
{
    /// <summary>The partner's declared CSV layout; null for the demo partner or a partner whose CSV uses canonical headers.</summary>
    public static CsvLayout? CsvLayoutOf(string partnerId, string? configFile) =>
        configFile is null
            ? null
            : ConfigFile.Load(configFile, includeDemoPartnerByDefault: false).Partners
                .FirstOrDefault(p => string.Equals(p.Id, partnerId, StringComparison.Ordinal))?.Csv;

    public static FhirMappingOptions FhirMappingOf(string partnerId, string? configFile) =>
        (configFile is null
            ? null
            : ConfigFile.Load(configFile, includeDemoPartnerByDefault: false).Partners
                .FirstOrDefault(p => string.Equals(p.Id, partnerId, StringComparison.Ordinal))?.Fhir?.Mapping) ?? FhirMappingOptions.None;

    public static Partner Resolve(string partnerId, string? configFile)
    {
        if (configFile is not null)
        {
            var configured = ConfigFile.Load(configFile, includeDemoPartnerByDefault: false).Partners
                .FirstOrDefault(p => string.Equals(p.Id, partnerId, StringComparison.Ordinal));
            if (configured is not null)
            {
                return new Partner(
                    configured.Id!,
                    configured.Kind!,
                    string.IsNullOrWhiteSpace(configured.Name) ? configured.Id! : configured.Name,
                    configured.WebhookSecret!,
                    configured.ApiToken!);
            }
        }

        if (string.Equals(partnerId, DemoPartner.Id, StringComparison.Ordinal))
        {
            return DemoPartner.Create();
        }

        throw new UsageException(configFile is null
            ? $"unknown partner '{partnerId}': only '{DemoPartner.Id}' is built in; give the others with --config FILE."
            : $"unknown partner '{partnerId}': it is not in config file '{configFile}'.");
    }
}
