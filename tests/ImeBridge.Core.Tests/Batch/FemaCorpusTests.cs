using System.Text;
using ImeBridge.Core.Batch;

namespace ImeBridge.Core.Tests.Batch;

/// <summary>A real public CSV (FEMA NFIP redacted claims: 73 columns, <c>NA</c> for missing values) read through a declared layout.</summary>
public sealed class FemaCorpusTests
{
    private const int Rows = 1000;

    [Fact]
    public async Task Every_row_of_the_fema_sample_comes_out_as_exactly_one_outcome_in_row_order()
    {
        var kit = new BatchKit();

        var (summary, ack) = await kit.RunAsync(File.ReadAllBytes(SamplePath()), layout: Layout());

        Assert.Equal(Rows, summary.Records);
        Assert.Equal(Enumerable.Range(1, Rows).Select(r => (long)r), ack.Rows.Select(r => r.Row));
        Assert.All(ack.Rows, r => Assert.True(r.ReferralId is null != (r.RejectionId is null), $"row {r.Row} has one outcome"));
        Assert.Equal(Rows, summary.Accepted);
        Assert.Equal(Rows, kit.Store.ReferralCount);
        Assert.Equal("60e7fb9f-c896-451a-922f-1c9a277d0139", ack.Row(1).ExternalId);
        Assert.Equal("098f65b9-09aa-4d92-8329-8649f5d9ff0b", ack.Row(3).ExternalId);

        var first = (await kit.Store.GetAsync(ack.Row(1).ReferralId!, default))!.Referral;
        Assert.Equal(new DateOnly(1998, 2, 7), first.Claim.DateOfInjury);
        Assert.Equal("CA", first.Claim.Jurisdiction);
        Assert.Equal("92056", first.Claimant.Address!.PostalCode);
        Assert.Equal("Pineapple Express - Southern", first.Claim.InjuryDescription);
        Assert.Equal("OCEANSIDE, CITY OF", first.Extensions["nfipCommunityName"].GetString());
    }

    [Fact]
    public async Task NA_cells_are_absent_fields_never_the_text_NA()
    {
        var records = await BatchKit.ReadAllAsync(File.ReadAllBytes(SamplePath()), layout: Layout());

        Assert.Equal(Rows, records.Count);
        Assert.All(records, r => Assert.Empty(r.MappingErrors));
        Assert.All(records, r => Assert.DoesNotContain("\"NA\"", Encoding.UTF8.GetString(r.Json.Span), StringComparison.Ordinal));
        var third = Encoding.UTF8.GetString(records[2].Json.Span);
        Assert.DoesNotContain("injuryDescription", third, StringComparison.Ordinal);
        Assert.DoesNotContain("elevationCertificateIndicator", third, StringComparison.Ordinal);
    }

    private static CsvLayout Layout() => new()
    {
        Columns =
        {
            ["source.externalId"] = "id",
            ["claim.claimNumber"] = "id",
            ["claim.dateOfInjury"] = "dateOfLoss",
            ["claim.jurisdiction"] = "state",
            ["claim.injuryDescription"] = "floodEvent",
            ["claimant.address.state"] = "state",
            ["claimant.address.city"] = "reportedCity",
            ["claimant.address.postalCode"] = "reportedZipCode",
        },
        Defaults =
        {
            ["claimant.firstName"] = "Unknown",
            ["claimant.lastName"] = "Policyholder",
            ["claimant.dateOfBirth"] = "1970-01-01",
            ["claim.lineOfBusiness"] = "liability",
            ["request.examType"] = "recordsReview",
        },
        FieldDateFormats = { ["claim.dateOfInjury"] = ["yyyy-MM-dd'T'HH:mm:ss.fff'Z'"] },
        NullMarkers = { "NA" },
    };

    private static string SamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", "csv", "fema-nfip-redacted-claims-sample.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("shared/corpus/csv/fema-nfip-redacted-claims-sample.csv is not above the test binaries");
    }
}
