using System.Text;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>Raw MIME messages (CRLF) carrying a referral written as a labelled form, as a claims handler would type it.</summary>
internal static class ReferralEmails
{
    public const string ClaimantFirstName = "Rosalind";
    public const string ClaimantLastName = "Featherstonehaugh";
    public const string DateOfBirth = "03/14/1979";
    public const string DateOfBirthCanonical = "1979-03-14";
    public const string ClaimNumber = "WC-2026-77731";

    public static byte[] LabelledForm(string from = InboundEmailApp.AcmeSender, string? messageId = null) => Encoding.UTF8.GetBytes($"""
        From: Acme Claims Intake <{from}>
        To: referrals@imebridge.example
        Subject: IME referral for {ClaimantFirstName} {ClaimantLastName}
        Message-ID: <{messageId ?? Guid.NewGuid().ToString("N") + "@acme.example"}>
        Date: Fri, 27 Nov 2026 09:00:00 +0000
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        Good morning,

        Please schedule an independent medical examination for the claimant below.

        Claimant: {ClaimantFirstName} {ClaimantLastName}
        DOB: {DateOfBirth}
        Claim #: {ClaimNumber}
        DOI: 06/03/2026
        Line of Business: Workers' Comp
        State of Jurisdiction: New York
        Specialty: Orthopaedic Surgery
        Questions:
        1. Is the lumbar injury causally related to the lifting incident?
        2. Has the claimant reached maximum medical improvement?

        Thank you,
        Acme Claims

        """.ReplaceLineEndings("\r\n"));
}
