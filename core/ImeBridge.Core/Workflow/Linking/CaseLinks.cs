namespace ImeBridge.Core.Workflow.Linking;

/// <summary>Referrals for the same claim and claimant linked to this one (filled in by triage).</summary>
public sealed record CaseLinks;
