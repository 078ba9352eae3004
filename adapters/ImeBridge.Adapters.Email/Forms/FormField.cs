namespace ImeBridge.Adapters.Email.Forms;

/// <summary>A field of the labelled referral form (see docs/email-intake.md for the labels of each).</summary>
internal enum FormField
{
    ClaimantName,
    DateOfBirth,
    ClaimNumber,
    DateOfInjury,
    Jurisdiction,
    Phone,
    Email,
    Address,
    Specialty,
    ExamType,
    LineOfBusiness,
    ReferralNumber,
    DueDate,
    TreatingPhysician,
    Npi,
    Questions,
}
