namespace ImeBridge.Core.Workflow.Reports;

/// <summary>Questions for the expert about a report: asked by the referrer, or prepared by ImeBridge from a disagreement with the treating physician.</summary>
/// <param name="Source"><c>referrer</c> (the reviewer's questions) or <c>disagreement</c> (prepared by ImeBridge).</param>
/// <param name="ForVersion">The report version the questions are about.</param>
/// <param name="SentAt">When it went to the expert; null while it is only prepared.</param>
public sealed record Clarification(
    IReadOnlyList<ClarificationQuestion> Questions,
    string Source,
    int ForVersion,
    DateTimeOffset PreparedAt,
    DateTimeOffset? SentAt = null,
    string? RequestedBy = null)
{
    public const string FromReferrer = "referrer";
    public const string FromDisagreement = "disagreement";
}

/// <summary>A clarification question; its id (<c>c1</c>, <c>c2</c> …) is what the addendum answers it by.</summary>
public sealed record ClarificationQuestion(string Id, string Text);
