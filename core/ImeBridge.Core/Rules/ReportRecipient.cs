namespace ImeBridge.Core.Rules;

/// <summary>A party who must receive the examiner's report.</summary>
public enum ReportRecipient
{
    /// <summary>The workers' compensation board, commission or agency.</summary>
    Board,
    Carrier,
    Claimant,

    /// <summary>The claimant's attorney or licensed representative, if any.</summary>
    ClaimantRepresentative,
    TreatingPhysician,
    Employer,
}
