using System.Text.Json;
using ImeBridge.Core.Json;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Validation;

/// <summary>
/// Validates a <see cref="Referral"/> built in code (CSV, FHIR, email readers): its canonical JSON against
/// schemas/referral.v1.schema.json, then the business rules <see cref="ReferralReader"/> applies. It does not
/// normalize: run <see cref="ReferralNormalizer.Normalize"/> first. Reasons never contain a submitted value.
/// Thread-safe; keep one instance.
/// </summary>
public sealed class ReferralValidator(TimeProvider time)
{
    private readonly ReferralRules rules = new(time);

    /// <summary>Every problem found; empty when the referral is valid.</summary>
    public IReadOnlyList<FieldError> Validate(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var errors = new ErrorCollector();
        foreach (var (key, value) in referral.Extensions ?? [])
        {
            if (value.ValueKind == JsonValueKind.Undefined)
            {
                errors.Add(FieldPath.Property("extensions", key), "has no value");
            }
        }

        if (errors.Count > 0)
        {
            return errors.Errors;
        }

        using (var document = JsonDocument.Parse(ReferralJson.Serialize(referral)))
        {
            ReferralSchema.Instance.Validate(document.RootElement, errors);
        }

        rules.Check(referral, errors);
        return errors.Errors;
    }
}
