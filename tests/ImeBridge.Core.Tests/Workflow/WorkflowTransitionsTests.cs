using ImeBridge.Core.Workflow;

namespace ImeBridge.Core.Tests.Workflow;

public sealed class WorkflowTransitionsTests
{
    [Theory]
    [InlineData("Received", "Triaged")]
    [InlineData("Received", "NeedsInfo")]
    [InlineData("NeedsInfo", "Triaged")]
    [InlineData("Triaged", "ExpertMatched")]
    [InlineData("Scheduled", "Rescheduled")]
    [InlineData("Confirmed", "NoShow")]
    [InlineData("ReportApproved", "ClarificationRequested")]
    [InlineData("ClarificationRequested", "AddendumReceived")]
    [InlineData("Delivered", "Closed")]
    [InlineData("Scheduled", "Cancelled")]
    [InlineData("Received", "Rejected")]
    public void The_happy_path_and_the_side_exits_are_allowed(string from, string to) =>
        Assert.Null(WorkflowTransitions.WhyNot(from, to));

    [Theory]
    [InlineData("Received", "Delivered", "Delivered cannot follow Received")]
    [InlineData("Triaged", "Scheduled", "Scheduled cannot follow Triaged")]
    [InlineData("Closed", "Triaged", "the referral is Closed: nothing follows")]
    [InlineData("Cancelled", "Cancelled", "the referral is Cancelled: nothing follows")]
    [InlineData("Triaged", "Teleported", "Teleported is not a workflow state")]
    public void Anything_else_is_refused_with_a_reason_an_operator_can_read(string from, string to, string why) =>
        Assert.Equal(why, WorkflowTransitions.WhyNot(from, to));

    [Fact]
    public void Every_state_a_partner_can_read_is_in_the_table()
    {
        var declared = typeof(ReferralStatus).GetFields().Select(f => (string)f.GetValue(null)!);

        Assert.All(declared, state => Assert.True(WorkflowTransitions.IsKnown(state), state));
    }

    [Fact]
    public void Timeline_events_are_named_after_the_state_entered()
    {
        Assert.Equal("referral.triaged", ReferralWorkflow.EventName("Triaged"));
        Assert.Equal("referral.needsInfo", ReferralWorkflow.EventName("NeedsInfo"));
    }
}
