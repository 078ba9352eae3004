using System.Text;
using System.Text.Json.Nodes;
using ImeBridge.Adapters.Sftp.Tests.Support;

namespace ImeBridge.Adapters.Sftp.Tests.Polling;

public sealed class FhirNdjsonPollTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    [Fact]
    public async Task A_fhir_ndjson_batch_is_mapped_line_by_line_and_a_line_that_is_no_referral_is_rejected_with_its_fhirpath()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server);
        var patient = ContainedServiceRequest()["contained"]![0]!.ToJsonString();
        var content = Encoding.UTF8.GetBytes(ContainedServiceRequest().ToJsonString() + "\n" + patient + "\n");
        bed.Drop("referrals.ndjson", content);

        var summary = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal((1, 2L, 1L, 1L), (summary.FilesTaken, summary.Records, summary.Accepted, summary.Rejected));
        Assert.Equal(["referrals.ndjson"], SftpTestBed.Names(bed.Archive));
        var ack = AckFiles.Read(bed.Ack, "referrals.ndjson");
        var stored = await bed.Referrals.GetAsync(ack.Row(1).GetProperty("referralId").GetString()!, CancellationToken.None);
        Assert.Equal("sftp", stored!.Referral.Source.Channel);
        Assert.Equal("ACME-2026-000123", stored.Referral.Source.ExternalId);
        Assert.Equal("Okonkwo-Whitfield", stored.Referral.Claimant.LastName);
        var refused = Assert.Single(ack.Row(2).GetProperty("errors").EnumerateArray());
        Assert.Equal("Patient", refused.GetProperty("path").GetString());
    }

    /// <summary>The sample Bundle's ServiceRequest with its Patient, requester, Coverage and Condition contained: one line of NDJSON.</summary>
    private static JsonObject ContainedServiceRequest()
    {
        var bundle = JsonNode.Parse(File.ReadAllBytes(RepositoryFolders.File("samples", "fhir", "referral-bundle.json")))!;
        JsonObject Entry(int index, string id)
        {
            var resource = bundle["entry"]![index]!["resource"]!.DeepClone().AsObject();
            resource["id"] = id;
            return resource;
        }

        var request = Entry(0, "request");
        var coverage = Entry(3, "coverage");
        coverage["beneficiary"] = new JsonObject { ["reference"] = "#patient" };
        coverage["payor"] = new JsonArray(new JsonObject { ["reference"] = "#insurer" });
        var condition = Entry(4, "injury");
        condition["subject"] = new JsonObject { ["reference"] = "#patient" };
        request["contained"] = new JsonArray(Entry(1, "patient"), Entry(2, "insurer"), coverage, condition);
        request["subject"] = new JsonObject { ["reference"] = "#patient" };
        request["requester"] = new JsonObject { ["reference"] = "#insurer" };
        request["reasonReference"] = new JsonArray(new JsonObject { ["reference"] = "#injury" });
        request["insurance"] = new JsonArray(new JsonObject { ["reference"] = "#coverage" });
        request.Remove("supportingInfo");
        return request;
    }
}
