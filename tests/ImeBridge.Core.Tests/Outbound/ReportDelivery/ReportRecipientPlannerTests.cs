using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.ReportDelivery;
using static ImeBridge.Core.Tests.Outbound.ReportDelivery.ReportDeliveryFixtures;

namespace ImeBridge.Core.Tests.Outbound.ReportDelivery;

public sealed class ReportRecipientPlannerTests
{
    [Fact]
    public async Task New_York_serves_the_board_carrier_treating_physician_attorney_and_claimant_the_same_day()
    {
        var plan = await Planner().PlanAsync(NewYork(), CancellationToken.None);

        Assert.Equal("ny-report-recipients", plan.Rule.Id);
        Assert.Equal("sameDay", plan.Rule.Deadline);
        Assert.Contains("§137", plan.Rule.Citation, StringComparison.Ordinal);
        Assert.Equal(
            [ReportRecipientRoles.Board, ReportRecipientRoles.Referrer, ReportRecipientRoles.TreatingPhysician, ReportRecipientRoles.ClaimantRepresentative, ReportRecipientRoles.Claimant],
            plan.Deliveries.Select(d => d.Role));
        Assert.All(plan.Deliveries, d => Assert.Equal(OutboundChannels.Email, d.Channel));
        Assert.Equal(
            [BoardEmail, "pnatarajan@acme-mutual.example", "hvarga@albany-ortho.example", "mbellweather@bellweather-ruiz.example", "d.okonkwo.whitfield@example.net"],
            plan.Deliveries.Select(d => d.Address));
        Assert.Equal("New York State Workers' Compensation Board", plan.Deliveries[0].Organization);
    }

    [Fact]
    public async Task A_New_York_referral_without_the_treating_physicians_email_plans_that_recipient_unreachable()
    {
        var stored = NewYork(r => r.Parties.RemoveAll(p => p.Role == "treatingPhysician"));

        var plan = await Planner().PlanAsync(stored, CancellationToken.None);

        var physician = Assert.Single(plan.Deliveries, d => d.Role == ReportRecipientRoles.TreatingPhysician);
        Assert.True(physician.Unreachable);
        Assert.True(physician.Required);
        Assert.Equal("Dr. Helena Varga, MD", physician.Name);
        Assert.Contains("treating physician", physician.UnreachableReason, StringComparison.Ordinal);
        Assert.Equal(4, plan.Deliveries.Count(d => !d.Unreachable));
    }

    [Fact]
    public async Task The_board_without_a_configured_intake_is_unreachable_and_names_the_setting()
    {
        var plan = await Planner(boardEmail: null).PlanAsync(NewYork(), CancellationToken.None);

        var board = Assert.Single(plan.Deliveries, d => d.Role == ReportRecipientRoles.Board);
        Assert.True(board.Unreachable);
        Assert.Contains("reportDelivery:boards:NY:email", board.UnreachableReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_without_an_entry_serves_the_carrier_claimant_and_attorney_by_the_house_default()
    {
        var plan = await Planner().PlanAsync(NewYork(r => r.Claim.Jurisdiction = "WY"), CancellationToken.None);

        Assert.Equal("default", plan.Rule.Id);
        Assert.Contains("not verified", plan.Rule.Citation, StringComparison.Ordinal);
        Assert.Equal([ReportRecipientRoles.Referrer, ReportRecipientRoles.Claimant, ReportRecipientRoles.ClaimantRepresentative], plan.Deliveries.Select(d => d.Role));
    }

    [Fact]
    public async Task An_unrepresented_claimant_has_no_representative_to_serve()
    {
        var plan = await Planner().PlanAsync(NewYork(r => { r.Claim.Jurisdiction = "WY"; r.Parties.Clear(); }), CancellationToken.None);

        Assert.Equal([ReportRecipientRoles.Referrer, ReportRecipientRoles.Claimant], plan.Deliveries.Select(d => d.Role));
    }

    [Fact]
    public async Task Two_attorneys_are_two_recipients_numbered_in_order()
    {
        var stored = NewYork(r => r.Parties.Add(new Core.Model.Party { Role = "claimantAttorney", Name = "Second Counsel", Email = "second@counsel.example" }));

        var plan = await Planner().PlanAsync(stored, CancellationToken.None);

        Assert.Equal([1, 2], plan.Deliveries.Where(d => d.Role == ReportRecipientRoles.ClaimantRepresentative).Select(d => d.Index));
    }

    [Fact]
    public async Task California_serves_the_claimant_the_attorney_and_the_carrier()
    {
        var plan = await Planner().PlanAsync(NewYork(r => r.Claim.Jurisdiction = "CA"), CancellationToken.None);

        Assert.Equal("ca-report-recipients", plan.Rule.Id);
        Assert.Equal([ReportRecipientRoles.Claimant, ReportRecipientRoles.ClaimantRepresentative, ReportRecipientRoles.Referrer], plan.Deliveries.Select(d => d.Role));
    }

    [Fact]
    public async Task The_referrer_is_served_by_fhir_before_webhook_before_email()
    {
        var fhir = await Planner(webhook: true, fhir: true).PlanAsync(NewYork(), CancellationToken.None);
        var webhook = await Planner(webhook: true).PlanAsync(NewYork(), CancellationToken.None);

        Assert.Equal(OutboundChannels.Fhir, fhir.Deliveries.Single(d => d.Role == ReportRecipientRoles.Referrer).Channel);
        Assert.Equal(OutboundChannels.Webhook, webhook.Deliveries.Single(d => d.Role == ReportRecipientRoles.Referrer).Channel);
        Assert.All(webhook.Deliveries.Where(d => d.Role != ReportRecipientRoles.Referrer), d => Assert.Equal(OutboundChannels.Email, d.Channel));
    }

    [Fact]
    public void Every_rule_has_a_citation_and_known_roles()
    {
        var rules = ReportRecipientRules.Embedded;

        Assert.All(rules.Jurisdictions.Append(rules.Default), r => Assert.False(string.IsNullOrWhiteSpace(r.Citation)));
        Assert.Same(rules.Default, rules.For("ZZ"));
        Assert.Equal("ny-report-recipients", rules.For(" ny ").Id);
    }

    [Fact]
    public void Ids_are_stable_per_report_and_recipient()
    {
        const string sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        Assert.Equal("report:ref-1:0123456789abcdef:claimant", ReportDeliveryIds.For("ref-1", sha, ReportRecipientRoles.Claimant));
        Assert.Equal("report:ref-1:0123456789abcdef:claimantRepresentative:2", ReportDeliveryIds.For("ref-1", sha, ReportRecipientRoles.ClaimantRepresentative, 2));
    }
}
