namespace ImeBridge.Adapters.Email.Extraction;

/// <summary>
/// The document kinds of schemas/referral.v1.schema.json, and a guess of an attachment's kind from its file name and
/// media type. Treatment notes count as medical records and legal correspondence as a legal letter: the schema has
/// no separate kinds for them.
/// </summary>
public static class DocumentKinds
{
    public const string ReferralLetter = "referralLetter";
    public const string MedicalRecords = "medicalRecords";
    public const string Imaging = "imaging";
    public const string LegalLetter = "legalLetter";
    public const string PriorReport = "priorReport";
    public const string Questionnaire = "questionnaire";
    public const string Other = "other";

    // First match wins: a "prior IME report" is a prior report before it is anything else.
    private static readonly (string Kind, string[] Words)[] NameRules =
    [
        (PriorReport, ["prior ime", "previous ime", "ime report", "prior report", "previous report", "addendum", "peer review", "ime-report"]),
        (ReferralLetter, ["referral", "ime request", "request for ime", "request-for-ime", "ime-request", "cover letter", "cover-letter"]),
        (Questionnaire, ["questionnaire", "questions"]),
        (LegalLetter, ["attorney", "counsel", "legal", "subpoena", "deposition", "letter of representation", "court", "petition", "esq", "law firm", "lawfirm"]),
        (Imaging, ["x-ray", "xray", "mri", "ct scan", "ct-scan", "radiolog", "imaging", "ultrasound", "dicom", "emg"]),
        (MedicalRecords, ["record", "medical", "treatment", "notes", "progress", "office visit", "operative", "op report", "op-report", "therapy", "chart", "hospital", "discharge", "clinic", "pt ", "pt-", "chiro", "pharmacy", "rx", "lab", "er visit", "encounter"]),
    ];

    public static string Guess(string fileName, string contentType)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(contentType);
        var name = " " + fileName.ToLowerInvariant().Replace('_', ' ') + " ";
        foreach (var (kind, words) in NameRules)
        {
            if (words.Any(word => StartsAWord(name, word)))
            {
                return kind;
            }
        }

        if (contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            || contentType.Equals("application/dicom", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".dcm ", StringComparison.Ordinal))
        {
            return Imaging;
        }

        return Other;
    }

    /// <summary>True when <paramref name="word"/> occurs in <paramref name="name"/> at the start of a word ("records" matches "record", "shipment" does not match "pt").</summary>
    private static bool StartsAWord(string name, string word)
    {
        for (var at = name.IndexOf(word, StringComparison.Ordinal); at >= 0; at = name.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || !char.IsLetter(name[at - 1]))
            {
                return true;
            }
        }

        return false;
    }
}
