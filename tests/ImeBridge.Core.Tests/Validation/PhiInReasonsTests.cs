using System.Text.Json.Nodes;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Tests.Support;
using ImeBridge.Core.Validation;

namespace ImeBridge.Core.Tests.Validation;

/// <summary>Names, dates, phones, emails and addresses are PHI: a reason says what is wrong, never what was sent.</summary>
public sealed class PhiInReasonsTests
{
    public static TheoryData<string> Mutations => new()
    {
        "invalid-sample",
        "wrong-types",
        "bad-values",
        "referrer-is-claimant",
        "malformed",
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void No_reason_contains_a_submitted_value(string scenario)
    {
        var errors = Errors(scenario);

        Assert.NotEmpty(errors);
        foreach (var error in errors)
        {
            foreach (var phi in Fixtures.SamplePhi)
            {
                Assert.False(
                    error.Reason.Contains(phi, StringComparison.OrdinalIgnoreCase),
                    $"the reason at {error.Path} contains submitted PHI");
            }
        }
    }

    private static IReadOnlyList<FieldError> Errors(string scenario)
    {
        var reader = Fixtures.Reader();
        switch (scenario)
        {
            case "invalid-sample":
                return reader.Read(Fixtures.SampleBytes("referral-invalid.json"), Fixtures.Webhook).Errors;
            case "malformed":
                var text = System.Text.Encoding.UTF8.GetString(Fixtures.SampleBytes()).Replace("\"Daniel\"", "Daniel", StringComparison.Ordinal);
                return reader.Read(Fixtures.Bytes(text), Fixtures.Webhook).Errors;
            default:
                return Fixtures.ReadSample(sample => Mutate(scenario, sample)).Errors;
        }
    }

    private static void Mutate(string scenario, JsonObject sample)
    {
        var claimant = sample["claimant"]!;
        switch (scenario)
        {
            case "wrong-types":
                claimant["firstName"] = new JsonArray("Daniel");
                claimant["dateOfBirth"] = 19810714;
                claimant["address"] = "418 Delaware Avenue, Albany NY 12209";
                claimant["email"] = new JsonObject { ["value"] = "d.okonkwo.whitfield@example.net" };
                break;
            case "bad-values":
                claimant["dateOfBirth"] = "07/14/1981";
                claimant["phone"] = "555-01 Daniel";
                claimant["email"] = "Daniel Okonkwo-Whitfield";
                claimant["sex"] = "Daniel";
                claimant["address"]!["postalCode"] = "Albany";
                claimant["address"]!["state"] = "Albany";
                claimant["preferredLanguage"] = "Okonkwo";
                sample["claim"]!["jurisdiction"] = "Albany";
                sample["claim"]!["claimNumber"] = "";
                sample["request"]!["questions"]![0] = 1981;
                break;
            case "referrer-is-claimant":
                sample["referrer"]!["contact"] = new JsonObject
                {
                    ["name"] = "Daniel R. Okonkwo-Whitfield",
                    ["email"] = "d.okonkwo.whitfield@example.net",
                    ["phone"] = "+15185550142",
                };
                claimant["dateOfBirth"] = "2026-02-09";
                break;
        }
    }
}
