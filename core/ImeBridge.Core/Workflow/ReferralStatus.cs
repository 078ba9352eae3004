namespace ImeBridge.Core.Workflow;

/// <summary>Workflow states a partner reads in <c>status</c>.</summary>
public static class ReferralStatus
{
    public const string Received = "Received";
}
