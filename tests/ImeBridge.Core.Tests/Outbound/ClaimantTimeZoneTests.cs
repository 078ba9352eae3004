using ImeBridge.Core.Model;
using ImeBridge.Core.Outbound.Timing;

namespace ImeBridge.Core.Tests.Outbound;

public sealed class ClaimantTimeZoneTests
{
    [Fact]
    public void The_referrals_own_zone_wins()
    {
        var result = ClaimantTimeZone.Resolve(new Claimant { TimeZone = "America/Denver", Address = new PostalAddress { State = "NY" }, Phone = "+12125550100" });

        Assert.Equal(("America/Denver", "claimant"), (result.TimeZoneId, result.Source));
    }

    [Fact]
    public void Without_a_zone_the_address_state_decides()
    {
        var result = ClaimantTimeZone.Resolve(new Claimant { Address = new PostalAddress { State = "ca" }, Phone = "+12125550100" });

        Assert.Equal(("America/Los_Angeles", "address"), (result.TimeZoneId, result.Source));
    }

    [Theory]
    [InlineData("+12125550100", "America/New_York")]
    [InlineData("+18085550100", "Pacific/Honolulu")]
    [InlineData("+13125550100", "America/Chicago")]
    public void Without_an_address_the_area_code_decides(string phone, string zone)
    {
        var result = ClaimantTimeZone.Resolve(new Claimant { Phone = phone, TimeZone = "Not/AZone" });

        Assert.Equal((zone, "phone"), (result.TimeZoneId, result.Source));
        Assert.Contains(zone, result.Candidates);
    }

    [Fact]
    public void Nothing_known_gives_no_zone()
    {
        var result = ClaimantTimeZone.Resolve(new Claimant { Phone = "not a phone" });

        Assert.False(result.IsKnown);
        Assert.Null(result.Source);
    }
}
