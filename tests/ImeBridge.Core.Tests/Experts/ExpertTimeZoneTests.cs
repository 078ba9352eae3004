using ImeBridge.Core.Experts;
using ImeBridge.Core.Validation;

namespace ImeBridge.Core.Tests.Experts;

/// <summary>Time zones are checked with TimeZoneInfo while the build runs with invariant globalization.</summary>
public sealed class ExpertTimeZoneTests
{
    [Fact]
    public void The_tests_run_with_invariant_globalization()
    {
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant);
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("America/Los_Angeles")]
    [InlineData("America/Indiana/Indianapolis")]
    [InlineData("Pacific/Honolulu")]
    [InlineData("America/Puerto_Rico")]
    [InlineData("UTC")]
    public void Iana_ids_are_accepted(string id)
    {
        Assert.Null(ExpertRules.TimeZone(id));
    }

    [Fact]
    public void The_zone_of_every_accepted_state_is_accepted()
    {
        Assert.All(UsStates.Codes, state => Assert.Null(ExpertRules.TimeZone(UsStates.PrimaryTimeZone(state)!)));
    }

    [Theory]
    [InlineData("Eastern Standard Time")]
    [InlineData("America/Gotham")]
    [InlineData("america/new_york")]
    public void Windows_ids_unknown_and_miscased_ids_are_refused(string id)
    {
        Assert.NotNull(ExpertRules.TimeZone(id));
    }
}
