using ImeBridge.Core.Workflow.Documents;
using ImeBridge.Core.Workflow.Linking;
using ImeBridge.Core.Workflow.Reports;
using ImeBridge.Core.Workflow.Scheduling;

namespace ImeBridge.Core.Workflow.Case;

/// <summary>
/// What the workflow has decided about a referral beyond its state: the expert chosen, the appointment, the document
/// checklist and packet, the reports with their QA, the clarifications, and links to duplicates. Stored beside the
/// canonical referral (never inside it: the referral is what the referrer sent) and written in the same transaction
/// as the timeline entry that explains the change. Ids, codes and instants only; the PHI stays in the referral.
/// </summary>
public sealed record ReferralCase
{
    public static readonly ReferralCase Empty = new();

    /// <summary>The expert the matching step chose; null until then.</summary>
    public CaseMatch? Match { get; init; }

    public CaseScheduling? Scheduling { get; init; }

    public CaseDocuments? Documents { get; init; }

    public CaseReports? Reports { get; init; }

    public CaseLinks? Links { get; init; }
}
