namespace ImeBridge.Core.Workflow.Documents;

/// <summary>A kind the examiner must have, with the ids of the checklist rules that require it.</summary>
public sealed record RequiredDocument(string Kind, IReadOnlyList<string> RuleIds);

/// <summary>The checklist judged against the documents at hand.</summary>
/// <param name="Missing">Required kinds with no document yet, in checklist order.</param>
public sealed record ChecklistResult(IReadOnlyList<RequiredDocument> Required, IReadOnlyList<string> Present, IReadOnlyList<string> Missing)
{
    public bool IsComplete => Missing.Count == 0;
}
