using static ImeBridge.Core.Workflow.ReferralStatus;

namespace ImeBridge.Core.Workflow;

/// <summary>
/// Which state may follow which: the happy path Received → Triaged → ExpertMatched → DocumentsReady → Scheduled →
/// ClaimantNotified → Confirmed → Examined → ReportReceived → ReportApproved → Delivered → Closed, and the side exits.
/// Anything not listed is refused. Cancelled and Rejected are reachable from every open state; Closed ends it all, and
/// Linked ends a referral that turned out to be the same claim and claimant as an open one (the exam goes on there).
/// </summary>
public static class WorkflowTransitions
{
    private static readonly Dictionary<string, string[]> Next = new(StringComparer.Ordinal)
    {
        [Received] = [Triaged, NeedsInfo, Linked],
        [NeedsInfo] = [Triaged, NeedsInfo, Linked],
        [Triaged] = [ExpertMatched, NeedsInfo],
        [ExpertMatched] = [DocumentsReady, ExpertMatched, NeedsInfo],
        [DocumentsReady] = [Scheduled, ExpertMatched],
        [Scheduled] = [ClaimantNotified, Confirmed, Rescheduled, NoShow, Examined],
        [ClaimantNotified] = [Confirmed, Rescheduled, NoShow, Examined],
        [Confirmed] = [Examined, Rescheduled, NoShow],
        [Rescheduled] = [Scheduled, ExpertMatched],
        [NoShow] = [Rescheduled, Closed],
        [Examined] = [ReportReceived],
        [ReportReceived] = [ReportReceived, ReportApproved, ClarificationRequested],
        [ReportApproved] = [Delivered, ClarificationRequested],
        [ClarificationRequested] = [AddendumReceived],
        [AddendumReceived] = [AddendumReceived, ReportApproved, ClarificationRequested],
        [Delivered] = [ClarificationRequested, Closed],
        [Linked] = [],
        [Rejected] = [],
        [Cancelled] = [],
        [Closed] = [],
    };

    private static readonly HashSet<string> Final = new(StringComparer.Ordinal) { Closed, Rejected, Cancelled, Linked };

    public static IReadOnlyCollection<string> States => Next.Keys;

    public static bool IsKnown(string state) => Next.ContainsKey(state);

    /// <summary>Null when <paramref name="from"/> may move to <paramref name="to"/>; otherwise why not, in words an operator reads.</summary>
    public static string? WhyNot(string from, string to)
    {
        if (!IsKnown(to))
        {
            return $"{to} is not a workflow state";
        }

        if (Final.Contains(from))
        {
            return $"the referral is {from}: nothing follows";
        }

        if (to is Cancelled or Rejected)
        {
            return null;
        }

        return Next.TryGetValue(from, out var allowed) && allowed.Contains(to, StringComparer.Ordinal)
            ? null
            : $"{to} cannot follow {from}";
    }
}
