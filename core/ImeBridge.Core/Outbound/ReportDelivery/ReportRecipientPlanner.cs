using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// Turns a stored referral and its jurisdiction's rule into one planned delivery per recipient. The referrer is served
/// by FHIR when its partner gets reports written to its FHIR server, by webhook when its partner subscribes to
/// <c>report.available</c>, else by email; everyone else by email with a secure link. A recipient with no usable
/// address is planned as unreachable so it can be escalated, never silently skipped.
/// </summary>
public sealed class ReportRecipientPlanner(
    ReportRecipientRules rules,
    IOptions<ReportDeliveryOptions> options,
    IReportWebhookChannel webhooks,
    IReportFhirChannel fhir)
{
    private const string ClaimantAttorneyRole = "claimantAttorney";
    private const string StateBoardRole = "stateBoard";
    private const string TreatingPhysicianRole = "treatingPhysician";

    public async Task<DeliveryPlan> PlanAsync(StoredReferral stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var referral = stored.Referral;
        var rule = rules.For(referral.Claim.Jurisdiction);
        var planned = new List<PlannedDelivery>();
        foreach (var requirement in rule.Roles)
        {
            var required = requirement.Required == RoleRequired.Always;
            switch (requirement.Role)
            {
                case ReportRecipientRoles.Board:
                    planned.Add(Board(referral, required));
                    break;
                case ReportRecipientRoles.Referrer:
                    planned.Add(await ReferrerAsync(stored, required, cancellationToken));
                    break;
                case ReportRecipientRoles.TreatingPhysician:
                    planned.Add(TreatingPhysician(referral, required));
                    break;
                case ReportRecipientRoles.ClaimantRepresentative:
                    planned.AddRange(Representatives(referral, required));
                    break;
                case ReportRecipientRoles.Claimant:
                    planned.Add(Claimant(referral.Claimant, required));
                    break;
                case ReportRecipientRoles.Employer when string.Equals(referral.Referrer.Kind, "employer", StringComparison.Ordinal):
                    // The employer asked for the exam: it is served as the referrer, by the referrer's channel.
                    planned.Add(await ReferrerAsync(stored, required, cancellationToken));
                    break;
                case ReportRecipientRoles.Employer:
                    planned.Add(Employer(referral, required));
                    break;
                default:
                    throw new InvalidOperationException($"no planner for role '{requirement.Role}'");
            }
        }

        return new DeliveryPlan(rule, planned);
    }

    private PlannedDelivery Board(Referral referral, bool required)
    {
        var party = PartiesOf(referral, StateBoardRole).FirstOrDefault();
        var state = referral.Claim.Jurisdiction?.Trim().ToUpperInvariant();
        var configured = state is not null && options.Value.Boards.TryGetValue(state, out var board) ? board : null;
        var email = Usable(party?.Email) ?? Usable(configured?.Email);
        var organization = party?.Organization ?? configured?.Name ?? (state is null ? null : $"{state} workers' compensation board");
        return Email(ReportRecipientRoles.Board, 1, party?.Name, organization, email, required, $"no email for the {state ?? "unknown"} board: set reportDelivery:boards:{state ?? "STATE"}:email");
    }

    private async Task<PlannedDelivery> ReferrerAsync(StoredReferral stored, bool required, CancellationToken cancellationToken)
    {
        var referrer = stored.Referral.Referrer;
        if (fhir.WritesReportFor(stored))
        {
            return new PlannedDelivery(ReportRecipientRoles.Referrer, 1, referrer.Contact?.Name, referrer.Organization, OutboundChannels.Fhir, "fhir:" + stored.PartnerId, required);
        }

        if (await webhooks.IsSubscribedAsync(stored.PartnerId, cancellationToken))
        {
            return new PlannedDelivery(ReportRecipientRoles.Referrer, 1, referrer.Contact?.Name, referrer.Organization, OutboundChannels.Webhook, "webhook:" + stored.PartnerId, required);
        }

        return Email(ReportRecipientRoles.Referrer, 1, referrer.Contact?.Name, referrer.Organization, Usable(referrer.Contact?.Email), required, "the referrer's contact has no email and its partner no report webhook");
    }

    private static PlannedDelivery TreatingPhysician(Referral referral, bool required)
    {
        var physician = referral.Request.TreatingPhysician;
        var party = PartiesOf(referral, TreatingPhysicianRole).FirstOrDefault(p => Usable(p.Email) is not null)
            ?? PartiesOf(referral, TreatingPhysicianRole).FirstOrDefault();
        var name = party?.Name ?? physician?.Name;
        return Email(ReportRecipientRoles.TreatingPhysician, 1, name, party?.Organization, Usable(party?.Email), required, "no email for the treating physician (a party of role treatingPhysician)");
    }

    private static IEnumerable<PlannedDelivery> Representatives(Referral referral, bool required)
    {
        // "whenPresent": a claimant without an attorney has no representative to serve.
        var attorneys = PartiesOf(referral, ClaimantAttorneyRole).ToList();
        return attorneys.Select((a, i) => Email(
            ReportRecipientRoles.ClaimantRepresentative,
            i + 1,
            a.Name,
            a.Organization,
            Usable(a.Email),
            required || attorneys.Count > 0,
            "no email for the claimant's attorney"));
    }

    private static PlannedDelivery Employer(Referral referral, bool required)
    {
        var party = PartiesOf(referral, ReportRecipientRoles.Employer).FirstOrDefault(p => Usable(p.Email) is not null)
            ?? PartiesOf(referral, ReportRecipientRoles.Employer).FirstOrDefault();
        return Email(ReportRecipientRoles.Employer, 1, party?.Name, party?.Organization ?? referral.Claim.Employer, Usable(party?.Email), required, "no email for the employer (a party of role employer)");
    }

    private static PlannedDelivery Claimant(Model.Claimant claimant, bool required)
    {
        var name = string.Join(' ', new[] { claimant.FirstName, claimant.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return Email(ReportRecipientRoles.Claimant, 1, name.Length == 0 ? null : name, null, Usable(claimant.Email), required, "no email for the claimant");
    }

    private static PlannedDelivery Email(string role, int index, string? name, string? organization, string? email, bool required, string unreachable) =>
        email is null
            ? new PlannedDelivery(role, index, name, organization, null, null, required, unreachable)
            : new PlannedDelivery(role, index, name, organization, OutboundChannels.Email, email, required);

    private static IEnumerable<Party> PartiesOf(Referral referral, string role) =>
        referral.Parties.Where(p => string.Equals(p.Role, role, StringComparison.Ordinal));

    private static string? Usable(string? email)
    {
        var trimmed = email?.Trim();
        return trimmed is { Length: > 2 } && trimmed.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < trimmed.Length - 1 ? trimmed : null;
    }
}
