namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>How a role reads in a notice or a certificate of service.</summary>
public static class ReportRoleDescriptions
{
    public static string For(string role) => role switch
    {
        ReportRecipientRoles.Board => "the workers' compensation board",
        ReportRecipientRoles.Referrer => "the referring carrier",
        ReportRecipientRoles.TreatingPhysician => "the treating physician",
        ReportRecipientRoles.ClaimantRepresentative => "the claimant's representative",
        ReportRecipientRoles.Claimant => "the claimant",
        _ => role,
    };
}
