using ImeBridge.Core.Model;
using ImeBridge.Core.Validation;
using PhoneNumbers;

namespace ImeBridge.Core.Outbound.Timing;

/// <summary>
/// The claimant's time zone for quiet hours: what the referral says, else the address's state (the same
/// <see cref="UsStates"/> table intake uses), else the phone's area code (libphonenumber's prefix → zone data) — the
/// issue's order, since a mobile number moves with its owner and the address does not.
/// </summary>
public static class ClaimantTimeZone
{
    public const string SourceClaimant = "claimant";
    public const string SourceAddress = "address";
    public const string SourcePhone = "phone";

    public static ClaimantTimeZoneResult Resolve(Claimant claimant)
    {
        ArgumentNullException.ThrowIfNull(claimant);
        if (Known(claimant.TimeZone) is { } given)
        {
            return new ClaimantTimeZoneResult(given, SourceClaimant, [given]);
        }

        if (UsStates.PrimaryTimeZone(claimant.Address?.State?.Trim().ToUpperInvariant()) is { } fromState)
        {
            return new ClaimantTimeZoneResult(fromState, SourceAddress, [fromState]);
        }

        var fromPhone = FromPhone(claimant.Phone);
        return fromPhone.Count == 0
            ? ClaimantTimeZoneResult.Unknown
            : new ClaimantTimeZoneResult(fromPhone[0], SourcePhone, fromPhone);
    }

    /// <summary>
    /// The zones libphonenumber lists for the number's prefix, known to this machine, in its order; empty when the
    /// number cannot be parsed or its prefix has no zone.
    /// </summary>
    public static IReadOnlyList<string> FromPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return [];
        }

        try
        {
            var number = PhoneNumberUtil.GetInstance().Parse(phone, "US");
            return PhoneNumberToTimeZonesMapper.GetInstance()
                .GetTimeZonesForGeographicalNumber(number)
                .Select(Known)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
        catch (NumberParseException)
        {
            return [];
        }
    }

    private static string? Known(string? zone)
    {
        if (string.IsNullOrWhiteSpace(zone))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zone.Trim()).Id;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
