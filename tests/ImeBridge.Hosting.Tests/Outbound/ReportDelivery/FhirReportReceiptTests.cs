using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting.Tests.FhirServer;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Outbound.ReportDelivery;

/// <summary>A FHIR partner's referrer is served by the DocumentReference the write-back creates; its write is the receipt.</summary>
public sealed class FhirReportReceiptTests
{
    [Fact]
    public async Task The_written_DocumentReference_is_the_referrers_receipt()
    {
        await using var fhir = await FhirServerApp.StartAsync();
        TaskWriteBackTests.Serve(fhir.Server);
        var response = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr1"));
        var referralId = FhirServerApp.ReferralIdOf(response);
        await WorkflowWait.UntilTriagedAsync(fhir.App.Services, referralId);
        var kept = await fhir.Service<IDocumentStore>().PutAsync(FhirFixtures.Pdf("IME report"), "application/pdf", CancellationToken.None);

        await TaskWriteBackTests.SendStatusAsync(fhir, referralId, "ReportApproved", kept.Sha256);

        var proofs = fhir.Service<IProofOfServiceStore>();
        var referrer = await Eventually.GetAsync(
            async () => await proofs.FindAsync(ReportDeliveryIds.For(referralId, kept.Sha256, ReportRecipientRoles.Referrer), CancellationToken.None) is { ReceiptAt: not null } r ? r : null,
            TimeSpan.FromSeconds(20),
            () => "the referrer's FHIR receipt was not recorded");
        Assert.Equal("fhir", referrer.Channel);
        Assert.Equal(ReceiptKinds.FhirWritten, referrer.ReceiptKind);
        Assert.Equal("DocumentReference/dr-5521", referrer.ProviderId);
        Assert.Single(fhir.Server.RequestsTo("POST", "/fhir/DocumentReference"));
    }
}
