using System.Text.RegularExpressions;

namespace ImeBridge.Adapters.Email.Forms;

/// <summary>
/// Whether a value written after a label without a colon looks like that field's value. It keeps prose such as
/// "Claimant was seen on…" or "Address the following…" from being read as a label and its value; after a colon or
/// in a table cell anything goes.
/// </summary>
internal static partial class FormValueShapes
{
    public static bool Fits(FormField field, string value) => field switch
    {
        FormField.ClaimantName => PersonName().IsMatch(value),
        FormField.TreatingPhysician => PhysicianName().IsMatch(value),
        FormField.DateOfBirth or FormField.DateOfInjury or FormField.DueDate => FormDates.TryParse(value, out _),
        FormField.ClaimNumber or FormField.ReferralNumber => Identifier().IsMatch(value),
        FormField.Phone => PhoneNumber().IsMatch(value),
        FormField.Email => EmailAddress().IsMatch(value),
        FormField.Address => StreetAddress().IsMatch(value),
        FormField.Npi => TenDigits().IsMatch(value),
        FormField.Jurisdiction => FormVocabulary.StateCode(value) is not null,
        FormField.LineOfBusiness => FormVocabulary.LineOfBusiness(value) is not null,
        FormField.ExamType => FormVocabulary.ExamType(value) is not null,
        FormField.Specialty => ShortPhrase().IsMatch(value),
        _ => false,
    };

    // Capitalised words ("Daniel R. Okonkwo-Whitfield", "OKONKWO, DANIEL"), up to six of them.
    [GeneratedRegex(@"^\p{Lu}[\p{L}'’.\-]*,?(\s+(\p{Lu}[\p{L}'’.\-]*,?|de|del|da|di|la|le|van|von|der|den|du|st\.?)){0,5}$")]
    private static partial Regex PersonName();

    [GeneratedRegex(@"^(Dr\.?\s+)?\p{Lu}[\p{L}'’.\-]*,?(\s+[\p{L}'’.\-]+,?){0,6}(\s*\(?NPI[:#]?\s*\d{10}\)?)?$")]
    private static partial Regex PhysicianName();

    // One token with a digit in it: WC-NY-2026-0048213, 12345, #A-77.
    [GeneratedRegex(@"^#?(?=[A-Za-z0-9\-_/.]*\d)[A-Za-z0-9][A-Za-z0-9\-_/.]{0,40}$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\+?[\d\s().\-]{7,20}((ext\.?|x)\s*\d{1,6})?$", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"^[^\s@]+@[^\s@]+\.[^\s@]+$")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"^(\d+\S*\s+\S|P\.?\s*O\.?\s+Box\s+\d)", RegexOptions.IgnoreCase)]
    private static partial Regex StreetAddress();

    [GeneratedRegex(@"^\d{10}$")]
    private static partial Regex TenDigits();

    [GeneratedRegex(@"^[\p{L}&/,'’\-]+(\s+[\p{L}&/,'’\-]+){0,5}$")]
    private static partial Regex ShortPhrase();
}
