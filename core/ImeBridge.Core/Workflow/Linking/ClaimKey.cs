using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImeBridge.Core.Model;

namespace ImeBridge.Core.Workflow.Linking;

/// <summary>
/// Identifies "the same claim and claimant" across channels and partners without keeping the values: the SHA-256 of
/// the normalized claim number, the claimant's normalized last name and date of birth. Stored with the referral at
/// accept time in an indexed column; triage looks referrals up by it. A referral without a claim number, last name or
/// date of birth has no key and is never linked.
/// </summary>
public static class ClaimKey
{
    // Versioned so a change of normalization can never collide with keys stored under the old one.
    private const string Prefix = "imebridge.claim-key.v1";

    /// <summary>The key (64 lower-case hex characters), or null when the referral lacks a part of it.</summary>
    public static string? For(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return For(referral.Claim.ClaimNumber, referral.Claimant.LastName, referral.Claimant.DateOfBirth);
    }

    public static string? For(string? claimNumber, string? lastName, DateOnly? dateOfBirth)
    {
        var claim = NormalizeClaimNumber(claimNumber);
        var name = NormalizeName(lastName);
        if (claim.Length == 0 || name.Length == 0 || dateOfBirth is not { } born)
        {
            return null;
        }

        var text = string.Join('\n', Prefix, claim, name, born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Letters and digits only, upper case: <c>wc-ny 2026/0048213</c> and <c>WCNY20260048213</c> are one claim.</summary>
    public static string NormalizeClaimNumber(string? claimNumber) => LettersAndDigits(claimNumber, lettersOnly: false);

    /// <summary>
    /// Letters only, without accents, upper case: <c>Núñez</c>, <c>NUNEZ</c>; <c>O'Brien</c>, <c>OBrien</c>;
    /// <c>Okonkwo-Whitfield</c>, <c>okonkwo whitfield</c> are each one name.
    /// </summary>
    public static string NormalizeName(string? name) => LettersAndDigits(name, lettersOnly: true);

    // Upper-case Latin letters with diacritics and their base letter, as Unicode decomposition would give it: the
    // app runs with InvariantGlobalization, where string.Normalize does not decompose.
    private const string Accented = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸĀĂĄĆĈĊČĎĒĔĖĘĚĜĞĠĢĤĨĪĬĮİĴĶĹĻĽŃŅŇŌŎŐŔŖŘŚŜŞŠŢŤŨŪŬŮŰŲŴŶŹŻŽƠƯǍǏǑǓǕǗǙǛǞǠǦǨǪǬǴǸǺȀȂȄȆȈȊȌȎȐȒȔȖȘȚȞȦȨȪȬȮȰȲØĐÐŁĦŦĿɃƗƵɆ";
    private const string Plain = "AAAAAACEEEEIIIINOOOOOUUUUYYAAACCCCDEEEEEGGGGHIIIIIJKLLLNNNOOORRRSSSSTTUUUUUUWYZZZOUAIOUUUUUAAGKOOGNAAAEEIIOORRUUSTHAEOOOOYODDLHTLBIZE";

    private static string LettersAndDigits(string? value, bool lettersOnly)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var kept = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            // Combining accents (a name sent already decomposed) are neither letters nor digits and drop out here.
            if (char.IsLetter(c) || (!lettersOnly && char.IsDigit(c)))
            {
                var upper = char.ToUpperInvariant(c);
                var accented = Accented.IndexOf(upper, StringComparison.Ordinal);
                kept.Append(accented >= 0 ? Plain[accented] : upper);
            }
        }

        return kept.ToString();
    }
}
