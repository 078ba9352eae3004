namespace ImeBridge.Adapters.Email.Tests.Support;

/// <summary>The fixture claimant: every value here is PHI and must never reach a log.</summary>
internal static class FixtureClaimant
{
    public const string FirstName = "Daniela";
    public const string MiddleName = "R.";
    public const string LastName = "Okafor-Lindqvist";
    public const string DateOfBirthUs = "03/14/1979";
    public const string DateOfBirthIso = "1979-03-14";
    public const string Phone = "(718) 555-0142";
    public const string PhoneE164 = "+17185550142";
    public const string Email = "daniela.okafor@example.net";
    public const string Street = "77 Linden Street";
    public const string City = "Brooklyn";
    public const string Zip = "11221";
    public const string ClaimNumber = "WC-NY-2026-771204";
    public const string ReferralNumber = "ACME-REF-55012";
    public const string Subject = "IME referral - Okafor-Lindqvist";

    /// <summary>Values whose appearance in a log line is a leak.</summary>
    public static readonly string[] Phi = [LastName, "Okafor", DateOfBirthUs, DateOfBirthIso, Phone, PhoneE164, "555-0142", Email, Street, ClaimNumber, Subject];
}
