namespace ImeBridge.Core.Workflow.Documents;

/// <summary>The shape of <c>Data/checklist.json</c>.</summary>
internal sealed record ChecklistData(string? Description, IReadOnlyList<ChecklistRule> Rules, EmphasisData Emphasis);

/// <summary>One reason a kind is required: <see cref="Kind"/> is required when any of <see cref="RequiredWhen"/> matches.</summary>
public sealed record ChecklistRule(string Id, string Kind, string Description, IReadOnlyList<ChecklistCondition> RequiredWhen);

/// <summary>Matches when each listed field contains the referral's value; a field left out (null) matches anything.</summary>
public sealed record ChecklistCondition(
    IReadOnlyList<string>? ExamTypes = null,
    IReadOnlyList<string>? Reasons = null,
    IReadOnlyList<string>? LinesOfBusiness = null,
    IReadOnlyList<string>? ReferrerKinds = null)
{
    public bool Matches(Model.Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return Contains(ExamTypes, referral.Request.ExamType)
            && Contains(Reasons, referral.Request.Reason)
            && Contains(LinesOfBusiness, referral.Claim.LineOfBusiness)
            && Contains(ReferrerKinds, referral.Referrer.Kind);
    }

    private static bool Contains(IReadOnlyList<string>? allowed, string? value) =>
        allowed is null || (value is not null && allowed.Contains(value, StringComparer.Ordinal));
}

internal sealed record EmphasisData(string? Description, IReadOnlyDictionary<string, string> ByReason, string Default);
