using System.Text.RegularExpressions;

namespace ImeBridge.Adapters.Email.Forms;

/// <summary>
/// The labels of the referral form, case-insensitive, spaces and dots optional. Keep docs/email-intake.md in step
/// with this table: it is what senders are told to write.
/// </summary>
internal static partial class FormLabels
{
    public static readonly IReadOnlyList<(FormField Field, string[] Labels)> Table =
    [
        (FormField.ClaimantName, ["Claimant", "Claimant Name", "Injured Worker", "Injured Worker Name", "Examinee", "Examinee Name"]),
        (FormField.DateOfBirth, ["DOB", "D.O.B.", "Date of Birth", "Claimant DOB", "Birth Date"]),
        (FormField.ClaimNumber, ["Claim #", "Claim No.", "Claim Number", "Claim Num"]),
        (FormField.DateOfInjury, ["DOI", "D.O.I.", "Date of Injury", "Date of Loss", "Injury Date", "Loss Date"]),
        (FormField.Jurisdiction, ["State of Jurisdiction", "Jurisdiction", "Jurisdiction State"]),
        (FormField.Phone, ["Claimant Phone", "Claimant Phone Number", "Claimant Tel", "Phone", "Phone Number", "Tel", "Telephone"]),
        (FormField.Email, ["Claimant Email", "Claimant E-mail", "Email", "E-mail"]),
        (FormField.Address, ["Claimant Address", "Address", "Home Address"]),
        (FormField.Specialty, ["Specialty", "Speciality", "Requested Specialty", "Requested Speciality"]),
        (FormField.ExamType, ["Exam Type", "Type of Exam", "Examination Type"]),
        (FormField.LineOfBusiness, ["Line of Business", "Claim Type", "LOB"]),
        (FormField.ReferralNumber, ["Referral #", "Referral No.", "Referral Number", "Reference", "Reference #", "Ref #"]),
        (FormField.DueDate, ["Due Date", "Report Due", "Report Due Date"]),
        (FormField.TreatingPhysician, ["Treating Physician", "Treating Doctor", "Treating Provider"]),
        (FormField.Npi, ["NPI", "NPI #", "Treating Physician NPI"]),
        (FormField.Questions, ["Questions", "Questions for the Examiner", "Questions to Address", "Questions to be Addressed"]),
    ];

    /// <summary>
    /// Contact labels that do not name the claimant: a signature's "Phone:" or "Email:" is the sender's. They count
    /// only after the claimant's name has been read.
    /// </summary>
    private static readonly HashSet<string> GenericKeys = new(
        ["PHONE", "PHONENUMBER", "TEL", "TELEPHONE", "EMAIL", "E-MAIL", "ADDRESS", "HOMEADDRESS"],
        StringComparer.Ordinal);

    private static readonly Dictionary<string, FormField> ByKey = BuildKeys();

    // Longest label first, so "Claimant Phone" wins over "Claimant" and "Claim Number" over "Claim No".
    private static readonly Regex LeadingLabel = new(
        "^(?<label>" + string.Join('|', Table.SelectMany(row => row.Labels).OrderByDescending(l => l.Length).Select(Pattern)) + ")"
        + @"\s*(?<colon>:|[-–](?=\s))?\s*(?<value>.*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
        TimeSpan.FromSeconds(1));

    /// <summary>Matches a label at the start of <paramref name="text"/>: the field, whether a colon followed it, and the rest.</summary>
    public static bool TryMatch(string text, out LabelMatch match)
    {
        var found = LeadingLabel.Match(text);
        if (!found.Success)
        {
            match = default;
            return false;
        }

        var key = Key(found.Groups["label"].Value);
        match = new LabelMatch(ByKey[key], GenericKeys.Contains(key), found.Groups["colon"].Success, found.Groups["value"].Value.Trim());
        return true;
    }

    /// <summary>A whole table cell that is only a label (with or without a colon).</summary>
    public static bool IsLabelCell(string cell, out LabelMatch match) =>
        TryMatch(cell, out match) && match.Value.Length == 0;

    private static Dictionary<string, FormField> BuildKeys()
    {
        var keys = new Dictionary<string, FormField>(StringComparer.Ordinal);
        foreach (var (field, labels) in Table)
        {
            foreach (var label in labels)
            {
                keys.TryAdd(Key(label), field);
            }
        }

        return keys;
    }

    /// <summary>Words may be run together or spaced out, dots are optional, and a label ending in a letter (or an optional dot) must end a word.</summary>
    private static string Pattern(string label)
    {
        var words = label.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => Regex.Escape(word).Replace(@"\.", @"\.?", StringComparison.Ordinal));
        var pattern = string.Join(@"\s*", words);
        return char.IsLetter(label[^1]) || label[^1] == '.' ? pattern + @"(?![\p{L}\p{N}])" : pattern;
    }

    private static string Key(string label) => WhiteSpace().Replace(label.ToUpperInvariant(), "").Replace(".", "", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

/// <param name="Generic">A contact label that does not say it is the claimant's (Phone, Email, Address).</param>
/// <param name="Colon">The label was followed by a colon (or a spaced dash): whatever follows is its value.</param>
internal readonly record struct LabelMatch(FormField Field, bool Generic, bool Colon, string Value);
