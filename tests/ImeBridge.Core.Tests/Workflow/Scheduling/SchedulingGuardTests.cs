using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Scheduling;
using Microsoft.Extensions.Options;
using static ImeBridge.Core.Tests.Workflow.Scheduling.SchedulingFixtures;

namespace ImeBridge.Core.Tests.Workflow.Scheduling;

public sealed class SchedulingGuardTests
{
    private static readonly IOptions<SchedulingOptions> Defaults = Options.Create(new SchedulingOptions());

    [Fact]
    public void A_third_reschedule_is_refused_by_default_and_the_reason_names_the_limit()
    {
        var guard = new RescheduleLimitGuard(Defaults);
        var once = Stored(status: ReferralStatus.Scheduled, timeline: [Entry("referral.rescheduled")]);
        var twice = Stored(status: ReferralStatus.Scheduled, timeline: [Entry("referral.rescheduled"), Entry("referral.scheduled"), Entry("referral.rescheduled")]);

        Assert.Null(guard.WhyNot(once, ReferralStatus.Rescheduled));
        Assert.Equal(
            "the referral was rescheduled 2 times and at most 2 reschedules are allowed (scheduling.maxReschedules); cancel it instead",
            guard.WhyNot(twice, ReferralStatus.Rescheduled));
        Assert.Null(guard.WhyNot(twice, ReferralStatus.Cancelled));
        Assert.Null(guard.WhyNot(twice, ReferralStatus.ClaimantNotified));
    }

    [Fact]
    public void The_reschedule_limit_is_configurable()
    {
        var guard = new RescheduleLimitGuard(Options.Create(new SchedulingOptions { MaxReschedules = 0 }));

        Assert.NotNull(guard.WhyNot(Stored(status: ReferralStatus.Scheduled), ReferralStatus.Rescheduled));
    }

    [Fact]
    public void After_two_no_shows_only_an_ending_may_follow()
    {
        var guard = new NoShowLimitGuard(Defaults);
        var twice = Stored(status: ReferralStatus.NoShow, timeline: [Entry("referral.noShow"), Entry("referral.rescheduled"), Entry("referral.noShow")]);

        Assert.Equal(
            "the claimant missed 2 exams and at most 2 no-shows are allowed (scheduling.maxNoShows): only Closed may follow",
            guard.WhyNot(twice, ReferralStatus.Rescheduled));
        Assert.Null(guard.WhyNot(twice, ReferralStatus.Closed));
        Assert.Null(guard.WhyNot(twice, ReferralStatus.Cancelled));
    }

    [Fact]
    public void After_one_no_show_the_referral_may_be_rescheduled()
    {
        var guard = new NoShowLimitGuard(Defaults);

        Assert.Null(guard.WhyNot(Stored(status: ReferralStatus.NoShow, timeline: [Entry("referral.noShow")]), ReferralStatus.Rescheduled));
    }
}
