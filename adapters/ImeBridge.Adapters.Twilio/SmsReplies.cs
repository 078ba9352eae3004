using System.Text.Json;

namespace ImeBridge.Adapters.Twilio;

/// <summary>
/// The short replies to a claimant's SMS, in English and Spanish, from <c>Data/sms-replies.json</c>. An unknown or
/// missing language falls back to English.
/// </summary>
public sealed class SmsReplies
{
    private readonly Dictionary<string, ReplySet> languages;

    private SmsReplies(Dictionary<string, ReplySet> languages)
    {
        this.languages = languages;
    }

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static SmsReplies Embedded { get; } = Load();

    public ReplySet For(string? language)
    {
        var key = (language ?? "en").Trim().ToLowerInvariant();
        key = key.Length >= 2 ? key[..2] : key;
        return languages.TryGetValue(key, out var set) ? set : languages["en"];
    }

    private static SmsReplies Load()
    {
        using var stream = typeof(SmsReplies).Assembly.GetManifestResourceStream("ImeBridge.Twilio.sms-replies.json")
            ?? throw new InvalidOperationException("The embedded SMS replies are missing.");
        using var document = JsonDocument.Parse(stream);
        var sets = new Dictionary<string, ReplySet>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            sets[property.Name] = property.Value.Deserialize<ReplySet>(WebJson)
                ?? throw new InvalidOperationException($"The SMS replies for '{property.Name}' are empty.");
        }

        return new SmsReplies(sets);
    }
}

/// <summary>The replies of one language.</summary>
public sealed record ReplySet(string Help, string Confirmed, string RescheduleRequested);
