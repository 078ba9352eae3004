using ImeBridge.Core.Model;
using ImeBridge.Core.Rules;
using ImeBridge.Core.Workflow.Triage;

namespace ImeBridge.Core.Matching;

/// <summary>
/// The NUCC specialty a referral needs: the one it asks for, when its words or code name a specialty of the rules
/// table; otherwise the one its injury points to. Null when neither says.
/// </summary>
public static class RequestedSpecialty
{
    public static (Specialty Specialty, string Why)? Of(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        if (referral.Request.Specialty is { Length: > 0 } asked && Named(asked) is { } named)
        {
            return (named, "asked for by the referrer");
        }

        return ReferralTriage.SpecialtyFromInjury(referral) is { } match
            ? (match.Specialty, $"from the injury by rule {match.Rule.Id}")
            : null;
    }

    private static Specialty? Named(string asked)
    {
        var words = Normalize(asked);
        return SpecialtyRules.Embedded.Specialties.FirstOrDefault(s =>
            string.Equals(s.NuccCode, asked.Trim(), StringComparison.OrdinalIgnoreCase)
            || Normalize(s.Name) == words
            || Normalize(s.Key) == words);
    }

    // "Orthopedic surgery", "orthopaedic-surgery" and "Orthopaedic Surgery" name the same specialty.
    private static string Normalize(string text) =>
        new string(text.ToLowerInvariant().Replace("paedic", "pedic", StringComparison.Ordinal).Where(char.IsAsciiLetter).ToArray());
}
