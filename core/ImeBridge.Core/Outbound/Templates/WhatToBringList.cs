using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImeBridge.Core.Outbound.Templates;

/// <summary>The standard "what to bring" checklist (<c>Outbound/Data/what-to-bring.json</c>) in a recipient's language.</summary>
public static class WhatToBringList
{
    public const string ResourceName = "ImeBridge.Outbound.what-to-bring.json";

    private static readonly Lazy<IReadOnlyList<Item>> Table = new(Load);

    /// <summary>The letter's full wording; <paramref name="language"/> is <c>en</c> or <c>es</c>, anything else reads English.</summary>
    public static IReadOnlyList<string> ForLetter(string language) => [.. Table.Value.Select(i => Words(i, language).Text)];

    /// <summary>The short forms an SMS carries (the items marked for SMS).</summary>
    public static IReadOnlyList<string> ForSms(string language) => [.. Table.Value.Where(i => i.Sms).Select(i => Words(i, language).Short)];

    private static Wording Words(Item item, string language) => language == "es" ? item.Es : item.En;

    private static List<Item> Load()
    {
        using var stream = typeof(WhatToBringList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded");
        var file = JsonSerializer.Deserialize<FileShape>(stream, Json)
            ?? throw new InvalidOperationException($"{ResourceName} is empty");
        if (file.Items.Count == 0 || file.Items.Any(i => i.En is null || i.Es is null))
        {
            throw new InvalidOperationException($"{ResourceName}: every item needs en and es wording");
        }

        return file.Items;
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed record FileShape([property: JsonRequired] List<Item> Items);

    private sealed record Item(string Key, bool Sms, Wording En, Wording Es);

    private sealed record Wording(string Text, string Short);
}
