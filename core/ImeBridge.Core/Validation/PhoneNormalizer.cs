using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace ImeBridge.Core.Validation;

/// <summary>Phone numbers to E.164 with libphonenumber; a number without a country code is read as a US number.</summary>
internal static partial class PhoneNormalizer
{
    public const string DefaultRegion = "US";
    public const string InvalidReason = "is not a valid phone number";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Parses any common way of writing a number; true when it is a valid, dialable number.</summary>
    public static bool TryNormalize(string raw, [NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        try
        {
            var number = Util.Parse(raw, DefaultRegion);
            if (!Util.IsValidNumber(number))
            {
                return false;
            }

            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Whether the value has the E.164 shape (+, country code, number; no separators), valid or not.</summary>
    public static bool LooksLikeE164(string value) => E164().IsMatch(value);

    /// <summary>Whether the value is already in E.164 form and a valid number.</summary>
    public static bool IsValidE164(string value) =>
        LooksLikeE164(value) && TryNormalize(value, out var normalized) && string.Equals(normalized, value, StringComparison.Ordinal);

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
