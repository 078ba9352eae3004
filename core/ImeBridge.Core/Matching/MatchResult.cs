using ImeBridge.Core.Model;
using ImeBridge.Core.Workflow.Case;

namespace ImeBridge.Core.Matching;

/// <summary>The chosen expert (null when none qualifies) and every candidate weighed, with an explanation an operator reads.</summary>
public sealed record MatchResult(ExpertCandidate? Chosen, IReadOnlyList<ExpertCandidate> Candidates, string Explanation)
{
    /// <summary>The choice as the case keeps it; null when no expert was chosen.</summary>
    public CaseMatch? ToCaseMatch(Referral referral, DateTimeOffset at) =>
        Chosen is not { } chosen
            ? null
            : new CaseMatch(chosen.Expert.ExpertId, chosen.Expert.Npi, RequestedSpecialty.Of(referral)?.Specialty.NuccCode, chosen.SlotOffice?.Id, chosen.Slot?.Start, at);
}
