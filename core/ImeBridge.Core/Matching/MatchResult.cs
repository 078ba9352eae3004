namespace ImeBridge.Core.Matching;

/// <summary>The chosen expert (null when none qualifies) and every candidate weighed, with an explanation an operator reads.</summary>
public sealed record MatchResult(ExpertCandidate? Chosen, IReadOnlyList<ExpertCandidate> Candidates, string Explanation);
