using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.ReportDelivery;

namespace ImeBridge.Core.Tests.Outbound.ReportDelivery;

public sealed class ProofOfServiceTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset At = new(2026, 6, 1, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Addresses_are_masked_and_partner_channels_kept()
    {
        Assert.Equal("j***@example.com", AddressMask.Mask("jane.doe@example.com"));
        Assert.Equal("webhook:acme", AddressMask.Mask("webhook:acme"));
        Assert.Null(AddressMask.Mask(null));
    }

    [Fact]
    public void The_proof_is_complete_only_when_every_required_recipient_is_served()
    {
        var served = Record(ReportRecipientRoles.Referrer, "pnatarajan@acme.example") with { Status = ServiceStatuses.Served, SentAt = At, ReceiptAt = At, ReceiptKind = ReceiptKinds.Outbox };
        var unreachable = Record(ReportRecipientRoles.TreatingPhysician, null) with { Channel = null, Status = ServiceStatuses.Unreachable };

        var partial = Assert.Single(ProofOfService.From("ref-1", "NY", [served, unreachable], ReportRecipientRules.Embedded));
        var whole = Assert.Single(ProofOfService.From("ref-1", "NY", [served], ReportRecipientRules.Embedded));

        Assert.False(partial.Complete);
        Assert.True(whole.Complete);
        Assert.Equal("p***@acme.example", partial.Recipients[0].Address);
        Assert.Equal(3, partial.ReportVersion);
    }

    [Fact]
    public void The_certificate_lists_each_recipient_how_and_when_without_full_addresses()
    {
        var served = Record(ReportRecipientRoles.Claimant, "d.okonkwo@example.net") with { Name = "Daniel Okonkwo", Status = ServiceStatuses.Served, SentAt = At, ReceiptAt = At.AddMinutes(5), ReceiptKind = ReceiptKinds.Downloaded };
        var unreachable = Record(ReportRecipientRoles.TreatingPhysician, null) with { Channel = null, Status = ServiceStatuses.Unreachable, Detail = "no email for the treating physician" };
        var proof = Assert.Single(ProofOfService.From("ref-1", "NY", [served, unreachable], ReportRecipientRules.Embedded));

        var text = ProofOfServiceCertificate.Render(proof, "WC-1", At);

        Assert.Contains("CERTIFICATE OF SERVICE", text, StringComparison.Ordinal);
        Assert.Contains("version 3, SHA-256 " + Sha, text, StringComparison.Ordinal);
        Assert.Contains("the claimant: Daniel Okonkwo", text, StringComparison.Ordinal);
        Assert.Contains("By:       email d***@example.net", text, StringComparison.Ordinal);
        Assert.Contains("Receipt:  2026-06-01 14:35:00 UTC (downloaded)", text, StringComparison.Ordinal);
        Assert.Contains("Status:   unreachable - no email for the treating physician", text, StringComparison.Ordinal);
        Assert.Contains("INCOMPLETE", text, StringComparison.Ordinal);
        Assert.Contains("Signature:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("d.okonkwo@example.net", text, StringComparison.Ordinal);
    }

    private static ServiceRecord Record(string role, string? address) =>
        new(ReportDeliveryIds.For("ref-1", Sha, role), "ref-1", Sha, 3, role, 1, null, null, OutboundChannels.Email, address, Required: true, ServiceStatuses.Planned, At);
}
