using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Rules;
using ImeBridge.Core.Workflow.Linking;

namespace ImeBridge.Core.Workflow.Triage;

/// <summary>
/// Whether a referral can be scheduled as it stands. What is missing is named by field path and why, never by value:
/// a way to reach the claimant, the jurisdiction, a specialty (asked for, or one the injury points to), and the
/// questions the examiner must answer.
/// </summary>
public static class ReferralTriage
{
    public static IReadOnlyList<string> Missing(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var missing = new List<string>();
        var claimant = referral.Claimant;
        var address = claimant.Address;
        var canWrite = address is { Line1.Length: > 0, PostalCode.Length: > 0 };
        if (string.IsNullOrWhiteSpace(claimant.Phone) && string.IsNullOrWhiteSpace(claimant.Email) && !canWrite)
        {
            missing.Add("claimant.phone, claimant.email or claimant.address: no way to reach the claimant");
        }

        if (string.IsNullOrWhiteSpace(referral.Claim.Jurisdiction))
        {
            missing.Add("claim.jurisdiction: the state whose rules govern the exam");
        }

        if (string.IsNullOrWhiteSpace(referral.Request.Specialty) && SpecialtyFromInjury(referral) is null)
        {
            missing.Add("request.specialty: no specialty asked for, and none follows from the ICD-10 codes, body parts or injury");
        }

        if (referral.Request.ExamType != "addendum" && referral.Request.Questions.Count == 0)
        {
            missing.Add("request.questions: the questions the examiner must answer");
        }

        return missing;
    }

    /// <summary>The specialty the injury points to (docs/rules.md), when the referral asks for none.</summary>
    public static SpecialtyMatch? SpecialtyFromInjury(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return SpecialtyRules.Embedded.SpecialtyFor(referral.Claim.Icd10Codes, referral.Claim.BodyParts, referral.Claim.InjuryDescription);
    }

    /// <summary>
    /// The move of <paramref name="duplicate"/> to Linked: the reason names the open referral and its state (ids only,
    /// never the other partner), the case records where it went, and <see cref="ReferralLinked"/> tells the other
    /// referral in its own session, all in one transaction.
    /// </summary>
    public static WorkflowStep LinkStep(StoredReferral duplicate, ReferralSummary original, string actor, string stepMessageId)
    {
        ArgumentNullException.ThrowIfNull(duplicate);
        ArgumentNullException.ThrowIfNull(original);
        var reason = $"same claim and claimant as {original.ReferralId} ({original.Status}): linked to it, the exam goes on there";
        var links = (duplicate.Case.Links ?? new CaseLinks()) with { LinkedTo = original.ReferralId };
        var told = new ReferralLinked(original.ReferralId, duplicate.ReferralId, duplicate.Referral.Source.Channel ?? "unknown channel");
        return WorkflowStep.Move(ReferralStatus.Linked, actor, reason, stepMessageId) with
        {
            Case = duplicate.Case with { Links = links },
            Emit = [WorkflowMessages.Create(ReferralLinked.MessageType, original.ReferralId, stepMessageId, told)],
        };
    }
}
