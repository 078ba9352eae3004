namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>The roles a report may have to be served on (the jurisdiction table's recipients, with the carrier as the referrer).</summary>
public static class ReportRecipientRoles
{
    public const string Board = "board";
    public const string Referrer = "referrer";
    public const string TreatingPhysician = "treatingPhysician";
    public const string ClaimantRepresentative = "claimantRepresentative";
    public const string Claimant = "claimant";
    public const string Employer = "employer";

    public static readonly IReadOnlyList<string> All = [Board, Referrer, TreatingPhysician, ClaimantRepresentative, Claimant, Employer];
}
