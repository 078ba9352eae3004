using ImeBridge.Adapters.Fhir;
using ImeBridge.Core.Json;
using ImeBridge.Core.Validation;

namespace ImeBridge.Bench.Fhir;

/// <summary>
/// What <c>imebridge normalize --channel fhir FILE</c> does with one file's bytes (cli/ImeBridge.Cli/NormalizeCommand.cs
/// and FhirNormalizeInputs.cs), without the file read and the console: FhirReferralReader.Read, then for each referral
/// the core's ReferralReader (rewrite, schema, business rules) with the demo partner's defaults, then the canonical
/// JSON line it would print. The clock is fixed at 2026-06-01, as in the FHIR adapter tests, so every fixture date is valid.
/// </summary>
internal sealed class Normalizer
{
    private static readonly ReferralDefaults Defaults = CreateDefaults();

    private readonly ReferralReader reader = new(new FixedClock(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero)));

    /// <summary>How the input came out: referrals accepted (with the bytes of the lines written) and records refused.</summary>
    public (int Accepted, int Refused, long OutputBytes) Normalize(ReadOnlyMemory<byte> input)
    {
        int accepted = 0, refused = 0;
        long outputBytes = 0;
        foreach (var result in FhirReferralReader.Read(input))
        {
            if (result.IsReferral)
            {
                var read = reader.Read(result.ReferralJson, Defaults);
                if (read.IsValid)
                {
                    accepted++;
                    outputBytes += ReferralJson.Serialize(read.Referral!).Length + 1;
                    continue;
                }
            }

            refused++;
        }

        return (accepted, refused, outputBytes);
    }

    // The built-in demo partner (hosting/ImeBridge.Hosting/DemoPartner.cs), as `normalize` uses it without --partner;
    // not referenced from Hosting so the benchmark's generated project builds only Core and Adapters.Fhir.
    private static ReferralDefaults CreateDefaults() =>
        new("fhir", "demo", "insurer", "Demo Insurance (development only)");

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
