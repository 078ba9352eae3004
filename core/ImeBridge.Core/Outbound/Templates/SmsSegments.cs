namespace ImeBridge.Core.Outbound.Templates;

/// <summary>
/// How many SMS segments a text costs: GSM-7 (160 septets, 153 per part when split; extension characters take two)
/// unless any character is outside GSM-7, then UCS-2 (70 UTF-16 units, 67 per part). Carriers bill and may drop by
/// segment, so templates are held to a budget.
/// </summary>
public static class SmsSegments
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    public static bool IsGsm7(string text) => text.All(c => Basic.Contains(c, StringComparison.Ordinal) || Extension.Contains(c, StringComparison.Ordinal));

    /// <summary>The encoding a sender would pick: <c>GSM-7</c> or <c>UCS-2</c>.</summary>
    public static string Encoding(string text) => IsGsm7(text) ? "GSM-7" : "UCS-2";

    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsGsm7(text))
        {
            var septets = text.Sum(c => Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1);
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }

        return text.Length <= 70 ? 1 : (text.Length + 66) / 67;
    }
}
