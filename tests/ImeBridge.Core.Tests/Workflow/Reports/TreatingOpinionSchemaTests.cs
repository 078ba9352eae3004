using System.Text.Json.Nodes;
using ImeBridge.Core.Tests.Support;

namespace ImeBridge.Core.Tests.Workflow.Reports;

/// <summary>The treating physician's structured opinion is optional in the canonical referral and read into the model.</summary>
public sealed class TreatingOpinionSchemaTests
{
    [Fact]
    public void A_referral_with_the_treating_physicians_opinion_is_accepted_and_read()
    {
        var result = Fixtures.ReadSample(s => s["request"]!["treatingPhysician"]!["opinion"] = new JsonObject
        {
            ["causation"] = "related",
            ["mmiReached"] = true,
            ["mmiDate"] = "2026-05-01",
            ["workRestrictions"] = "offWork",
        });

        Assert.True(result.Errors.Count == 0, Fixtures.Describe(result.Errors));
        var opinion = result.Referral!.Request.TreatingPhysician!.Opinion!;
        Assert.Equal("related", opinion.Causation);
        Assert.True(opinion.MmiReached);
        Assert.Equal(new DateOnly(2026, 5, 1), opinion.MmiDate);
        Assert.Equal("offWork", opinion.WorkRestrictions);
    }

    [Fact]
    public void An_opinion_outside_the_closed_lists_is_refused_at_its_field()
    {
        var result = Fixtures.ReadSample(s => s["request"]!["treatingPhysician"]!["opinion"] = new JsonObject { ["causation"] = "probably" });

        Assert.Contains(result.Errors, e => e.Path == "request.treatingPhysician.opinion.causation");
    }

    [Fact]
    public void A_referral_without_an_opinion_is_read_as_before()
    {
        var result = Fixtures.ReadSample(_ => { });

        Assert.Empty(result.Errors);
        Assert.Null(result.Referral!.Request.TreatingPhysician!.Opinion);
    }
}
