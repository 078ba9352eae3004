namespace ImeBridge.Core.Workflow.Linking;

/// <summary>
/// Referrals for the same claim and claimant (same <see cref="ClaimKey"/>), linked by triage. On a referral that was
/// linked away, <see cref="LinkedTo"/> names the open referral the exam goes on in; on that referral,
/// <see cref="Linked"/> lists every referral linked to it, in the order they arrived. Ids only: whoever reads one
/// referral learns nothing of the other but its id.
/// </summary>
public sealed record CaseLinks
{
    /// <summary>The referral this one was linked to (this one is Linked); null on the referral the exam goes on in.</summary>
    public string? LinkedTo { get; init; }

    /// <summary>Referrals linked to this one.</summary>
    public IReadOnlyList<string> Linked { get; init; } = [];

    /// <summary>These links with <paramref name="referralId"/> added to <see cref="Linked"/> (once).</summary>
    public CaseLinks WithLinked(string referralId) =>
        Linked.Contains(referralId, StringComparer.Ordinal) ? this : this with { Linked = [.. Linked, referralId] };
}
