using System.Text;
using System.Text.Json;

namespace ImeBridge.Adapters.Twilio;

/// <summary>
/// Classifies a claimant's SMS reply by the keyword lists of <c>Data/sms-keywords.json</c> (English and Spanish):
/// the whole message, trimmed, case-insensitive, punctuation removed, must be one of the words.
/// </summary>
public sealed class SmsKeywords
{
    private readonly Dictionary<string, SmsKeywordClass> classes = new(StringComparer.Ordinal);
    private readonly HashSet<string> optInWhenOptedOut = new(StringComparer.Ordinal);

    private SmsKeywords(KeywordFile file)
    {
        // Later lists do not override earlier ones: a word that is both (YES) keeps the first class given here.
        Add(file.OptOut, SmsKeywordClass.OptOut);
        Add(file.OptIn, SmsKeywordClass.OptIn);
        Add(file.Help, SmsKeywordClass.Help);
        Add(file.Confirm, SmsKeywordClass.Confirm);
        Add(file.Reschedule, SmsKeywordClass.Reschedule);
        foreach (var word in file.OptInWhenOptedOut ?? [])
        {
            optInWhenOptedOut.Add(Normalize(word));
        }
    }

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static SmsKeywords Embedded { get; } = Load();

    /// <param name="optedOut">Whether the sender's number is opted out now: then YES / SÍ opt back in.</param>
    public SmsKeywordClass Classify(string? text, bool optedOut)
    {
        var word = Normalize(text ?? "");
        if (optedOut && optInWhenOptedOut.Contains(word))
        {
            return SmsKeywordClass.OptIn;
        }

        return classes.TryGetValue(word, out var found) ? found : SmsKeywordClass.Unknown;
    }

    /// <summary>Upper case, punctuation and symbols removed, whitespace runs collapsed to one space, trimmed.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                normalized.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsWhiteSpace(c) && normalized.Length > 0 && normalized[^1] != ' ')
            {
                normalized.Append(' ');
            }
        }

        return normalized.ToString().TrimEnd();
    }

    private void Add(IEnumerable<string>? words, SmsKeywordClass keywordClass)
    {
        foreach (var word in words ?? [])
        {
            classes.TryAdd(Normalize(word), keywordClass);
        }
    }

    private static SmsKeywords Load()
    {
        using var stream = typeof(SmsKeywords).Assembly.GetManifestResourceStream("ImeBridge.Twilio.sms-keywords.json")
            ?? throw new InvalidOperationException("The embedded SMS keyword list is missing.");
        var file = JsonSerializer.Deserialize<KeywordFile>(stream, WebJson)
            ?? throw new InvalidOperationException("The embedded SMS keyword list is empty.");
        return new SmsKeywords(file);
    }

    private sealed record KeywordFile(
        string[]? OptOut,
        string[]? OptIn,
        string[]? OptInWhenOptedOut,
        string[]? Help,
        string[]? Confirm,
        string[]? Reschedule);
}
