using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir.WriteBack;

/// <summary>
/// ImeBridge workflow state → R4 Task.status, in the terms of the 360X closed-loop referral guide: the Task is
/// requested when ImeBridge holds the referral, accepted once triage takes it, in progress from the first step of the
/// exam work, completed when the report is delivered. The state itself travels in Task.businessStatus.
/// </summary>
public static class TaskStatusMap
{
    public const string BusinessStatusSystem = "https://imebridge.example/fhir/CodeSystem/referral-status";

    private static readonly Dictionary<string, Hl7.Fhir.Model.Task.TaskStatus> Map = new(StringComparer.Ordinal)
    {
        ["Received"] = Hl7.Fhir.Model.Task.TaskStatus.Requested,
        ["Triaged"] = Hl7.Fhir.Model.Task.TaskStatus.Accepted,
        ["ExpertMatched"] = Hl7.Fhir.Model.Task.TaskStatus.Accepted,
        ["DocumentsReady"] = Hl7.Fhir.Model.Task.TaskStatus.InProgress,
        ["Scheduled"] = Hl7.Fhir.Model.Task.TaskStatus.InProgress,
        ["ClaimantNotified"] = Hl7.Fhir.Model.Task.TaskStatus.InProgress,
        ["Confirmed"] = Hl7.Fhir.Model.Task.TaskStatus.InProgress,
        ["Rescheduled"] = Hl7.Fhir.Model.Task.TaskStatus.InProgress,
        ["Examined"] = Hl7.Fhir.Model.Task.TaskStatus.InProgress,
        ["ReportReceived"] = Hl7.Fhir.Model.Task.TaskStatus.InProgress,
        ["ReportApproved"] = Hl7.Fhir.Model.Task.TaskStatus.InProgress,
        ["ClarificationRequested"] = Hl7.Fhir.Model.Task.TaskStatus.InProgress,
        ["AddendumReceived"] = Hl7.Fhir.Model.Task.TaskStatus.InProgress,
        ["NeedsInfo"] = Hl7.Fhir.Model.Task.TaskStatus.OnHold,
        ["NoShow"] = Hl7.Fhir.Model.Task.TaskStatus.OnHold,
        ["Delivered"] = Hl7.Fhir.Model.Task.TaskStatus.Completed,
        ["Closed"] = Hl7.Fhir.Model.Task.TaskStatus.Completed,
        ["Rejected"] = Hl7.Fhir.Model.Task.TaskStatus.Rejected,
        ["Cancelled"] = Hl7.Fhir.Model.Task.TaskStatus.Cancelled,

        // The exam goes on in the Task of the referral it was linked to; this one ends.
        ["Linked"] = Hl7.Fhir.Model.Task.TaskStatus.Cancelled,
        ["Failed"] = Hl7.Fhir.Model.Task.TaskStatus.Failed,
    };

    /// <summary>The Task.status for <paramref name="state"/>; in-progress for a state this table does not know yet.</summary>
    public static Hl7.Fhir.Model.Task.TaskStatus For(string state) =>
        Map.TryGetValue(state, out var status) ? status : Hl7.Fhir.Model.Task.TaskStatus.InProgress;

    public static IReadOnlyDictionary<string, Hl7.Fhir.Model.Task.TaskStatus> All => Map;
}
