namespace ImeBridge.Core.Rules;

/// <summary>TCPA quiet hours in the claimant's local time, with stricter state windows where a state law sets them.</summary>
public sealed class QuietHourRules
{
    public const string ResourceName = "ImeBridge.Rules.quiet-hours.json";
    private const string Table = "quiet-hours";

    private static readonly Lazy<QuietHourRules> EmbeddedTable = new(() => Load(RuleResources.Open(ResourceName)));

    private readonly Dictionary<string, QuietHourRule> byState;

    private QuietHourRules(QuietHourTable table)
    {
        Default = table.Default;
        byState = table.States.ToDictionary(rule => rule.State, StringComparer.Ordinal);
    }

    public static QuietHourRules Embedded => EmbeddedTable.Value;

    /// <summary>The federal window, used for every state without a stricter one.</summary>
    public QuietHourRule Default { get; }

    public IReadOnlyCollection<QuietHourRule> States => byState.Values;

    public static QuietHourRules Load(Stream json)
    {
        var table = RuleResources.Read(json, RulesJsonContext.Default.QuietHourTable, Table);
        Validate(table.Default, "default");
        RuleChecks.Require(table.Default.State == "*", Table, "default", "the default's state must be *");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in table.States)
        {
            Validate(rule, rule.State);
            RuleChecks.Require(RuleChecks.IsStateCode(rule.State), Table, rule.State, "state must be a two-letter upper-case code");
            RuleChecks.Require(seen.Add(rule.State), Table, rule.State, "appears twice");
        }

        return new QuietHourRules(table);
    }

    public QuietHourRule For(string? state) =>
        byState.TryGetValue(RuleChecks.StateCode(state), out var rule) ? rule : Default;

    /// <summary>True when <paramref name="localTime"/> (the claimant's local time) is outside the allowed window.</summary>
    public bool IsQuietHour(string? state, TimeOnly localTime) => For(state).IsQuiet(localTime);

    private static void Validate(QuietHourRule rule, string where)
    {
        RuleChecks.Part(rule, Table, where);
        RuleChecks.Require(rule.AllowedFrom < rule.AllowedUntil, Table, where, "allowedFrom must be before allowedUntil");
    }
}
