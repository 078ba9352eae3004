using ImeBridge.Adapters.Fhir.Server;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Fhir.Partners;

/// <summary>
/// Refuses to start with a FHIR configuration that cannot work. Every message names the partner and the key
/// (<c>partner 'acme': fhir.polling.pageSize …</c>) and never quotes a secret.
/// </summary>
public sealed class FhirOptionsValidator : IValidateOptions<FhirOptions>
{
    public ValidateOptionsResult Validate(string? name, FhirOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Problems(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IReadOnlyList<string> Problems(FhirOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var index = 0; index < options.Partners.Count; index++)
        {
            var entry = options.Partners[index];
            if (entry.Fhir is { } fhir)
            {
                var label = string.IsNullOrWhiteSpace(entry.Id) ? $"partners[{index}]" : $"partner '{entry.Id}'";
                Validate(label, fhir, failures);
            }
        }

        return failures;
    }

    private static void Validate(string label, FhirPartnerOptions fhir, List<string> failures)
    {
        if (fhir.DefaultJurisdiction is { } state && UsStateNames.ToCode(state) is null)
        {
            failures.Add($"{label}: fhir.defaultJurisdiction must be a two-letter US state code.");
        }

        if (fhir.Server is { } server)
        {
            failures.AddRange(FhirServerOptionsValidator.Validate(server, "fhir.server").Select(p => $"{label}: {p}."));
        }

        if (fhir.Polling is not { } polling)
        {
            return;
        }

        if (fhir.Server is null)
        {
            failures.Add($"{label}: fhir.polling needs fhir.server.");
        }

        if (polling.Interval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{label}: fhir.polling.interval must be at least 1 second.");
        }

        if (polling.PageSize is < 1 or > 1000)
        {
            failures.Add($"{label}: fhir.polling.pageSize must be between 1 and 1000.");
        }

        if (polling.MaxPages < 1)
        {
            failures.Add($"{label}: fhir.polling.maxPages must be at least 1.");
        }

        if (polling.Overlap < TimeSpan.Zero)
        {
            failures.Add($"{label}: fhir.polling.overlap must not be negative.");
        }

        if (polling.Parameters.Keys.Any(k => k.StartsWith("_lastUpdated", StringComparison.Ordinal) || k is "_count" or "_sort"))
        {
            failures.Add($"{label}: fhir.polling.parameters must not set _lastUpdated, _count or _sort (the poller does).");
        }
    }
}
