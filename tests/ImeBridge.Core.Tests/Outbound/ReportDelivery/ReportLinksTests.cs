using System.Security.Cryptography;
using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Workflow.Documents;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Core.Tests.Outbound.ReportDelivery;

public sealed class ReportLinksTests
{
    private static readonly PacketLinkKey Key = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_token_reads_back_its_referral_link_and_expiry()
    {
        var links = new ReportLinks(Key);
        var expires = ReportLinks.ExpiryAfter(DateTimeOffset.UnixEpoch.AddDays(20000), TimeSpan.FromDays(14));

        var claims = links.Read(links.TokenFor("ref-1", "abc123", expires));

        Assert.Equal(new ReportLinkClaims("ref-1", "abc123", expires), claims);
    }

    [Fact]
    public void A_tampered_token_or_another_key_reads_as_nothing()
    {
        var links = new ReportLinks(Key);
        var token = links.TokenFor("ref-1", "abc123", DateTimeOffset.UnixEpoch.AddDays(20000));
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        Assert.Null(links.Read(tampered));
        Assert.Null(new ReportLinks(new PacketLinkKey(RandomNumberGenerator.GetBytes(32))).Read(token));
        Assert.Null(links.Read("not-a-token"));
    }

    [Fact]
    public void A_packet_token_is_not_a_report_token_under_the_same_key()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var packets = new PacketLinks(Key, Options.Create(new DocumentsOptions()), clock);
        var packetToken = packets.TokenFor("ref-1", packets.NewLink("test"));

        Assert.Null(new ReportLinks(Key).Read(packetToken));
    }
}
