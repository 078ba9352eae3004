using System.Text;
using ImeBridge.Adapters.Fhir.Tests.Support;

namespace ImeBridge.Adapters.Fhir.Tests;

public sealed class NdjsonTests
{
    [Fact]
    public void Each_line_gives_its_own_results_with_its_line_number()
    {
        var bundle = Kit.Transaction();
        var broken = Kit.Transaction();
        Kit.Entry(broken, 0).Remove("subject");
        var ndjson = string.Join('\n', bundle.ToJsonString(), string.Empty, broken.ToJsonString(), "{ not json", Kit.Entry(Kit.Transaction(), 1).ToJsonString());

        var lines = FhirReferralReader.ReadNdjson(new MemoryStream(Encoding.UTF8.GetBytes(ndjson))).ToList();

        Assert.Equal([1, 3, 4, 5], lines.Select(l => l.LineNumber));
        Assert.True(Assert.Single(lines[0].Results).IsReferral);
        Kit.ReasonAt(Assert.Single(lines[1].Results).Errors, "Bundle.entry[0].resource.subject");
        Assert.Contains("not valid JSON", Assert.Single(Assert.Single(lines[2].Results).Errors).Reason, StringComparison.Ordinal);
        Assert.Equal("is not a ServiceRequest or Bundle", Kit.ReasonAt(Assert.Single(lines[3].Results).Errors, "Patient"));
    }

    [Fact]
    public void A_bulk_export_of_patients_is_refused_line_by_line()
    {
        using var file = File.OpenRead(Path.Combine(Kit.CorpusDirectory(), "bulk-ndjson", "Patient.000.ndjson"));

        var lines = FhirReferralReader.ReadNdjson(file).ToList();

        Assert.Equal(13, lines.Count);
        Assert.All(lines, line => Assert.Equal("is not a ServiceRequest or Bundle", Kit.ReasonAt(Assert.Single(line.Results).Errors, "Patient")));
    }
}
