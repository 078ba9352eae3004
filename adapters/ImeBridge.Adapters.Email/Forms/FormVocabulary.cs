using System.Collections.Frozen;
using ImeBridge.Core.Validation;

namespace ImeBridge.Adapters.Email.Forms;

/// <summary>The words senders use for the closed lists of the canonical schema: US states, lines of business, exam types.</summary>
internal static class FormVocabulary
{
    private static readonly FrozenDictionary<string, string> StateNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Alabama"] = "AL", ["Alaska"] = "AK", ["Arizona"] = "AZ", ["Arkansas"] = "AR", ["California"] = "CA",
        ["Colorado"] = "CO", ["Connecticut"] = "CT", ["Delaware"] = "DE", ["District of Columbia"] = "DC", ["Florida"] = "FL",
        ["Georgia"] = "GA", ["Hawaii"] = "HI", ["Idaho"] = "ID", ["Illinois"] = "IL", ["Indiana"] = "IN", ["Iowa"] = "IA",
        ["Kansas"] = "KS", ["Kentucky"] = "KY", ["Louisiana"] = "LA", ["Maine"] = "ME", ["Maryland"] = "MD",
        ["Massachusetts"] = "MA", ["Michigan"] = "MI", ["Minnesota"] = "MN", ["Mississippi"] = "MS", ["Missouri"] = "MO",
        ["Montana"] = "MT", ["Nebraska"] = "NE", ["Nevada"] = "NV", ["New Hampshire"] = "NH", ["New Jersey"] = "NJ",
        ["New Mexico"] = "NM", ["New York"] = "NY", ["North Carolina"] = "NC", ["North Dakota"] = "ND", ["Ohio"] = "OH",
        ["Oklahoma"] = "OK", ["Oregon"] = "OR", ["Pennsylvania"] = "PA", ["Puerto Rico"] = "PR", ["Rhode Island"] = "RI",
        ["South Carolina"] = "SC", ["South Dakota"] = "SD", ["Tennessee"] = "TN", ["Texas"] = "TX", ["Utah"] = "UT",
        ["Vermont"] = "VT", ["Virginia"] = "VA", ["Washington"] = "WA", ["West Virginia"] = "WV", ["Wisconsin"] = "WI",
        ["Wyoming"] = "WY", ["Washington DC"] = "DC", ["Washington D.C."] = "DC",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>A two-letter code or a state's name ("New York", "State of New York", "ny"); null when it is neither.</summary>
    public static string? StateCode(string value)
    {
        var text = value.Trim().TrimEnd('.');
        if (text.StartsWith("State of ", StringComparison.OrdinalIgnoreCase))
        {
            text = text["State of ".Length..].Trim();
        }

        if (text.Length == 2 && UsStates.IsValid(text.ToUpperInvariant()))
        {
            return text.ToUpperInvariant();
        }

        return StateNames.GetValueOrDefault(text);
    }

    /// <summary>workersComp, auto, liability or disability; null when the words name none of them.</summary>
    public static string? LineOfBusiness(string value)
    {
        var text = " " + Letters(value) + " ";
        if (ContainsAny(text, " wc ", "worker", "workman", "workmen", "work comp", "workcomp", "comp "))
        {
            return "workersComp";
        }

        if (ContainsAny(text, "auto", "motor", "vehicle", "no fault", "nofault", " pip ", " mva ", " mvc "))
        {
            return "auto";
        }

        if (ContainsAny(text, "liabil", " gl ", "bodily injury", "premises", "general casualty"))
        {
            return "liability";
        }

        if (ContainsAny(text, "disab", " ltd ", " std "))
        {
            return "disability";
        }

        return null;
    }

    /// <summary>ime, recordsReview or addendum; null when the words name none of them.</summary>
    public static string? ExamType(string value)
    {
        var text = " " + Letters(value) + " ";
        if (ContainsAny(text, "addend", "supplemental report"))
        {
            return "addendum";
        }

        if (ContainsAny(text, "record", "paper review", "file review", "desk review", " rr "))
        {
            return "recordsReview";
        }

        if (ContainsAny(text, " ime ", "independent medical", "medical exam", "in person", "inperson", "physical exam", " exam ", " ime"))
        {
            return "ime";
        }

        return null;
    }

    /// <summary>Lower-case letters and digits, every other run of characters one space: "Workers' Comp." reads "workers comp".</summary>
    private static string Letters(string value) =>
        string.Join(' ', new string([.. value.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static bool ContainsAny(string text, params string[] words) =>
        words.Any(word => text.Contains(word, StringComparison.Ordinal));
}
