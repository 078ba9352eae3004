using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>Refuses the whole set of FHIR server settings, with every error, when any partner's is wrong.</summary>
internal sealed class FhirServerClientsOptionsValidation : IValidateOptions<FhirServerClientsOptions>
{
    public ValidateOptionsResult Validate(string? name, FhirServerClientsOptions options)
    {
        var errors = options.Servers
            .SelectMany(server => FhirServerOptionsValidator.Validate(server.Value, $"partners[{server.Key}].fhir.server"))
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
