namespace ImeBridge.Adapters.Email.Forms;

/// <summary>What the form reader recognised in a message's text: one value per field (the first one written) and the questions.</summary>
internal sealed class LabelledForm
{
    public Dictionary<FormField, string> Values { get; } = [];

    public List<FormQuestion> Questions { get; } = [];

    public int FieldCount => Values.Count + (Questions.Count > 0 ? 1 : 0);

    /// <summary>Enough to say the text is a referral form rather than a signature with a phone number in it.</summary>
    public bool LooksLikeReferral =>
        Values.ContainsKey(FormField.ClaimantName) || Values.ContainsKey(FormField.ClaimNumber) || Values.ContainsKey(FormField.ReferralNumber);
}

/// <param name="Id">The sender's own number when written as <c>Q3:</c>; null for a plain <c>3.</c>.</param>
internal sealed record FormQuestion(string? Id, string Text);
