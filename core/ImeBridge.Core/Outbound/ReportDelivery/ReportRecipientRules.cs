using ImeBridge.Core.Rules;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// Who must be served with an approved report in each jurisdiction, taken from the cited jurisdiction table
/// (<c>Rules/Data/jurisdictions.json</c>, the same table notice periods and report due dates come from), in the
/// delivery's vocabulary: the carrier is the referrer, and the claimant's representative is served when the referral
/// names one.
/// </summary>
public sealed class ReportRecipientRules
{
    private readonly Dictionary<string, RecipientRule> byState;

    public ReportRecipientRules(JurisdictionRules table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Default = From(table.Default);
        Jurisdictions = [.. table.States.Select(From)];
        byState = Jurisdictions.ToDictionary(r => r.Jurisdictions[0], StringComparer.Ordinal);
    }

    public static ReportRecipientRules Embedded { get; } = new(JurisdictionRules.Embedded);

    public RecipientRule Default { get; }

    public IReadOnlyList<RecipientRule> Jurisdictions { get; }

    /// <summary>The rule for a US state code (<c>NY</c>); the default rule when the state has none.</summary>
    public RecipientRule For(string? jurisdiction) =>
        jurisdiction is not null && byState.TryGetValue(jurisdiction.Trim().ToUpperInvariant(), out var rule) ? rule : Default;

    private static RecipientRule From(JurisdictionRule rule)
    {
        var recipients = rule.Recipients;
        var id = rule.IsDefault ? "default" : rule.State.ToLowerInvariant() + "-report-recipients";
        var citation = recipients.Verified ? recipients.Citation.Source : $"{recipients.Citation.Source} (not verified: {recipients.Citation.Note})";
        return new RecipientRule(
            id,
            rule.IsDefault ? [] : [rule.State],
            [.. recipients.Roles.Select(Requirement)],
            recipients.SameDay ? "sameDay" : "withTheReport",
            citation);
    }

    private static RoleRequirement Requirement(ReportRecipient recipient) => recipient switch
    {
        ReportRecipient.Board => new(ReportRecipientRoles.Board, RoleRequired.Always),
        ReportRecipient.Carrier => new(ReportRecipientRoles.Referrer, RoleRequired.Always),
        ReportRecipient.TreatingPhysician => new(ReportRecipientRoles.TreatingPhysician, RoleRequired.Always),
        ReportRecipient.ClaimantRepresentative => new(ReportRecipientRoles.ClaimantRepresentative, RoleRequired.WhenPresent),
        ReportRecipient.Claimant => new(ReportRecipientRoles.Claimant, RoleRequired.Always),
        ReportRecipient.Employer => new(ReportRecipientRoles.Employer, RoleRequired.Always),
        _ => throw new InvalidOperationException($"no delivery role for report recipient {recipient}"),
    };
}

/// <summary>One jurisdiction's rule: the roles to serve, the deadline (<c>sameDay</c>) and where it comes from.</summary>
public sealed record RecipientRule(string Id, IReadOnlyList<string> Jurisdictions, IReadOnlyList<RoleRequirement> Roles, string Deadline, string Citation);

/// <param name="Required"><see cref="RoleRequired.Always"/>: escalated when unreachable; <see cref="RoleRequired.WhenPresent"/>: only when the referral names such a party.</param>
public sealed record RoleRequirement(string Role, RoleRequired Required);

public enum RoleRequired
{
    Always,
    WhenPresent,
}
