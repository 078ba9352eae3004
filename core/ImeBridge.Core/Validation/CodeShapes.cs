using System.Text.RegularExpressions;

namespace ImeBridge.Core.Validation;

/// <summary>Shapes of codes the schema also states as patterns, checked again for referrals built in code.</summary>
internal static partial class CodeShapes
{
    /// <summary>ICD-10-CM: a letter, a digit, a letter or digit, then optionally a dot and up to 4 letters or digits.</summary>
    public static bool IsIcd10Code(string? code) => code is not null && Icd10().IsMatch(code);

    /// <summary>64 lower-case hex digits.</summary>
    public static bool IsSha256(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    [GeneratedRegex(@"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Icd10();
}
