using System.Text.Json.Nodes;
using ImeBridge.Adapters.Fhir.Tests.Support;

namespace ImeBridge.Adapters.Fhir.Tests;

/// <summary>What a partner's configuration and a ServiceRequest's home on the server add to the mapping.</summary>
public sealed class PartnerSettingsMappingTests
{
    [Fact]
    public void A_partners_default_jurisdiction_applies_when_no_extension_names_one_and_wins_over_the_home_state()
    {
        var bundle = Kit.Transaction();
        Kit.Entry(bundle, 0).Remove("extension");

        var withDefault = Kit.Canonical(Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle), options: new FhirMappingOptions("NJ"))));
        var withoutDefault = Kit.Canonical(Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle))));

        Assert.Equal("NJ", (string?)withDefault["claim"]!["jurisdiction"]);
        Assert.Equal("NY", (string?)withoutDefault["claim"]!["jurisdiction"]);
    }

    [Fact]
    public void The_jurisdiction_extension_wins_over_the_partners_default()
    {
        var referral = Kit.Canonical(Kit.Single(FhirReferralReader.Read(Kit.Bytes(Kit.Transaction()), options: new FhirMappingOptions("NJ"))));

        Assert.Equal("NY", (string?)referral["claim"]!["jurisdiction"]);
    }

    [Fact]
    public void A_service_request_with_a_server_url_carries_it_and_its_identifier_for_the_status_write_back()
    {
        var bundle = Kit.Transaction();
        bundle["type"] = "collection";
        foreach (var entry in bundle["entry"]!.AsArray())
        {
            entry!.AsObject().Remove("request");
        }

        bundle["entry"]![0]!["fullUrl"] = "https://fhir.acme.example/r4/ServiceRequest/sr-55";
        Kit.Entry(bundle, 0)["id"] = "sr-55";
        Kit.Entry(bundle, 0)["meta"] = new JsonObject { ["versionId"] = "3" };

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle)));
        var extensions = Kit.Canonical(result)["extensions"]!;

        Assert.Equal("https://fhir.acme.example/r4/ServiceRequest/sr-55", (string?)extensions["fhir.serviceRequest"]);
        Assert.Equal("https://acme-mutual.example/referrals", (string?)extensions["fhir.serviceRequestIdentifier"]!["system"]);
        Assert.Equal("ACME-2026-000123", (string?)extensions["fhir.serviceRequestIdentifier"]!["value"]);
        Assert.Equal("https://fhir.acme.example/r4/ServiceRequest/sr-55/_history/3", result.ServiceRequest!.DeliveryId);
    }

    [Fact]
    public void A_transaction_entry_to_be_created_names_no_server_location()
    {
        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(Kit.Transaction())));

        Assert.Null(result.ServiceRequest!.Location);
        Assert.Null(Kit.Canonical(result)["extensions"]!["fhir.serviceRequest"]);
    }

    [Fact]
    public void The_mapped_referral_with_its_extensions_is_valid_canonical_input()
    {
        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(Kit.Transaction())));

        var read = Kit.ReadCanonical(result.ReferralJson!);

        Assert.True(read.IsValid, Kit.Describe(read.Errors));
    }

    [Fact]
    public void Service_requests_included_in_a_search_result_are_context_not_referrals()
    {
        var bundle = Kit.Transaction();
        bundle["type"] = "searchset";
        var entries = bundle["entry"]!.AsArray();
        foreach (var entry in entries)
        {
            entry!.AsObject().Remove("request");
            entry["search"] = new JsonObject { ["mode"] = "include" };
        }

        entries[0]!["search"] = new JsonObject { ["mode"] = "match" };
        var basedOn = entries[0]!.DeepClone().AsObject();
        basedOn["fullUrl"] = "urn:uuid:8a1e0c7e-3f10-4b61-9d0b-5f7c2a1e0099";
        basedOn["search"] = new JsonObject { ["mode"] = "include" };
        entries.Add(basedOn);

        var results = FhirReferralReader.Read(Kit.Bytes(bundle));

        Assert.Single(results);
        Assert.Equal("Bundle.entry[0].resource", results[0].ServiceRequestPath);
    }
}
