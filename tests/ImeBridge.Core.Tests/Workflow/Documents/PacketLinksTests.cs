using System.Security.Cryptography;
using ImeBridge.Core.Tests.Support;
using ImeBridge.Core.Workflow.Documents;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Tests.Workflow.Documents;

/// <summary>Packet link tokens: genuine ones read back, anything altered or signed with another key does not.</summary>
public sealed class PacketLinksTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private static PacketLinks Links(byte[]? key = null, TimeSpan? lifetime = null) =>
        new(new PacketLinkKey(key ?? Key), Options.Create(new DocumentsOptions { LinkLifetime = lifetime ?? DocumentsOptions.DefaultLinkLifetime }), Fixtures.Clock());

    [Fact]
    public void A_new_link_expires_after_the_configured_lifetime_and_its_token_names_the_referral_and_link()
    {
        var links = Links(lifetime: TimeSpan.FromDays(3));
        var link = links.NewLink("operator:dana");

        var claims = links.Read(links.TokenFor("ref-1", link));

        Assert.Equal(Fixtures.Now.AddDays(3), link.ExpiresAt);
        Assert.Equal(new PacketLinkClaims("ref-1", link.LinkId, link.ExpiresAt), claims);
    }

    [Fact]
    public void Two_links_for_the_same_referral_differ()
    {
        var links = Links();

        Assert.NotEqual(links.TokenFor("ref-1", links.NewLink("a")), links.TokenFor("ref-1", links.NewLink("a")));
    }

    [Fact]
    public void A_token_with_any_character_changed_is_not_read()
    {
        var links = Links();
        var token = links.TokenFor("ref-1", links.NewLink("a"));

        for (var i = 0; i < token.Length; i += 7)
        {
            var altered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.Null(links.Read(altered));
        }
    }

    [Fact]
    public void A_token_for_another_referral_with_the_signature_of_this_one_is_not_read()
    {
        var links = Links();
        var link = links.NewLink("a");
        var mine = links.TokenFor("ref-1", link).Split('.');
        var other = links.TokenFor("ref-2", link).Split('.');

        Assert.Null(links.Read(other[0] + "." + mine[1]));
    }

    [Fact]
    public void A_token_signed_with_another_key_is_not_read()
    {
        var theirs = Links(RandomNumberGenerator.GetBytes(32));

        Assert.Null(Links().Read(theirs.TokenFor("ref-1", theirs.NewLink("a"))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nodot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    public void Malformed_tokens_are_not_read(string token)
    {
        Assert.Null(Links().Read(token));
    }

    [Fact]
    public void A_key_shorter_than_256_bits_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PacketLinkKey(new byte[16]));
    }
}
