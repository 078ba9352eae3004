namespace ImeBridge.Core.Rules;

/// <summary>
/// Workers' compensation IME rules by state: notice before the exam, report deadline, report recipients.
/// A state without an entry gets the house default, flagged <see cref="JurisdictionRule.IsDefault"/>.
/// </summary>
public sealed class JurisdictionRules
{
    public const string ResourceName = "ImeBridge.Rules.jurisdictions.json";

    private static readonly Lazy<JurisdictionRules> EmbeddedTable = new(() => Load(RuleResources.Open(ResourceName)));

    private readonly Dictionary<string, JurisdictionRule> byState;

    private JurisdictionRules(JurisdictionTable table)
    {
        Default = table.Default with { IsDefault = true };
        byState = table.States.ToDictionary(rule => rule.State, StringComparer.Ordinal);
    }

    /// <summary>The table shipped inside the assembly (<c>Rules/Data/jurisdictions.json</c>).</summary>
    public static JurisdictionRules Embedded => EmbeddedTable.Value;

    public JurisdictionRule Default { get; }

    public IReadOnlyCollection<JurisdictionRule> States => byState.Values;

    public static JurisdictionRules Load(Stream json)
    {
        var table = RuleResources.Read(json, RulesJsonContext.Default.JurisdictionTable, "jurisdictions");
        JurisdictionTableValidator.Validate(table);
        return new JurisdictionRules(table);
    }

    /// <summary>The state's rule; the house default (flagged) for an unknown, blank or null state.</summary>
    public JurisdictionRule For(string? state) =>
        byState.TryGetValue(RuleChecks.StateCode(state), out var rule) ? rule : Default;

    /// <summary>The first exam date that respects the state's minimum notice to the claimant.</summary>
    public DateOnly EarliestExamDate(string? state, DateOnly noticeSent) =>
        DayPeriods.EarliestAfterNotice(noticeSent, For(state).Notice);

    /// <summary>The last day the report may be delivered after an exam on <paramref name="examDate"/>.</summary>
    public DateOnly ReportDueDate(string? state, DateOnly examDate) =>
        DayPeriods.DueAfter(examDate, For(state).Report);

    public IReadOnlyList<ReportRecipient> ReportRecipients(string? state) => For(state).Recipients.Roles;
}
