using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Case;

namespace ImeBridge.Hosting;

/// <summary>Body of <c>GET /api/referrals/{referralId}</c>; serialized with <c>ReferralJson.Options</c> (nulls left out).</summary>
public sealed record ReferralView(string ReferralId, string Status, Referral Referral, IReadOnlyList<TimelineEntryView> Timeline)
{
    /// <summary>What the workflow decided (expert, appointment, documents, reports): in the operator's view only.</summary>
    public ReferralCase? Case { get; init; }

    /// <summary>The booked exam, once there is one.</summary>
    public AppointmentView? Appointment { get; init; }

    /// <summary>The reports and addenda received, once there are any.</summary>
    public IReadOnlyList<ReportVersionView>? Reports { get; init; }

    public static ReferralView From(StoredReferral stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new ReferralView(
            stored.ReferralId,
            stored.Status,
            stored.Referral,
            [.. stored.Timeline.Select(e => new TimelineEntryView(e.At, e.Event, e.Status, e.Actor, e.MessageId, e.Detail))])
        {
            Appointment = WorkflowProgressView.Appointment(stored),
            Reports = WorkflowProgressView.Reports(stored),
        };
    }
}
