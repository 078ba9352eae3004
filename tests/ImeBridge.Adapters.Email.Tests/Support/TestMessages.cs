using System.Globalization;
using System.Text;
using MimeKit;

namespace ImeBridge.Adapters.Email.Tests.Support;

/// <summary>Emails as partners send them, built with MimeKit and returned as raw bytes.</summary>
internal static class TestMessages
{
    public static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    public static string PlainReferralLetter(string dueDate) => $"""
        Good morning,

        Please schedule an IME for the injured worker below.

        Claimant: {FixtureClaimant.FirstName} {FixtureClaimant.MiddleName} {FixtureClaimant.LastName}
        DOB: {FixtureClaimant.DateOfBirthUs}
        Claimant Phone: {FixtureClaimant.Phone}
        Email: {FixtureClaimant.Email}
        Address: {FixtureClaimant.Street}, Apt 2, {FixtureClaimant.City}, NY {FixtureClaimant.Zip}
        Claim #: {FixtureClaimant.ClaimNumber}
        Date of Injury: June 3, 2026
        State of Jurisdiction: New York
        Line of Business: Workers' Compensation
        Exam Type: IME
        Requested Specialty: Orthopaedic Surgery
        Referral #: {FixtureClaimant.ReferralNumber}
        Report Due: {dueDate}
        Treating Physician: Dr. Helena Varga, MD
        NPI: 1234567893

        Questions:
        1. Is the right knee condition causally related to the work incident?
        2) Is further physical therapy medically necessary? If so, how
           many sessions?
        Q3: Has the claimant reached maximum medical improvement?

        Thank you,
        Priya Natarajan
        Senior Adjuster
        Phone: (518) 555-0177
        """;

    public static string HtmlTableReferral(string dueDate) => $$"""
        <html><head><style>td.label { font-weight: bold }</style></head><body>
        <p>Hello, please see the referral below.</p>
        <table border="1">
          <tr><th>Field</th><th>Value</th></tr>
          <tr><td><b>Examinee</b></td><td>{{FixtureClaimant.LastName}}, {{FixtureClaimant.FirstName}}</td></tr>
          <tr><td>Date of Birth:</td><td>March 14, 1979</td></tr>
          <tr><td>Claim No</td><td>{{FixtureClaimant.ClaimNumber}}</td></tr>
          <tr><td>Claim Type</td><td>Auto / No-Fault</td></tr>
          <tr><td>Jurisdiction</td><td>NJ</td></tr>
          <tr><td>Tel</td><td>{{FixtureClaimant.Phone}}</td></tr>
          <tr><td>DOI</td><td>2 June 2026</td></tr>
          <tr><td>Specialty</td><td>Neurology</td></tr>
          <tr><td>Due Date</td><td>{{dueDate}}</td></tr>
        </table>
        <p><b>Questions</b></p>
        <ol><li>Is the cervical strain related to the accident?</li><li>Is further treatment needed?</li></ol>
        <p>Regards,<br>Globex Claims</p>
        </body></html>
        """;

    /// <summary>A referral due in about three months, written as US dates are.</summary>
    public static string DueDateUs() => DateTime.UtcNow.AddDays(90).ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);

    public static string DueDateIso() => DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static MimeMessage New(string from, string subject = FixtureClaimant.Subject, string? replyTo = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        if (replyTo is not null)
        {
            message.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }

        message.To.Add(MailboxAddress.Parse("referrals@imebridge.example"));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("acme-insurance.example");
        message.Date = DateTimeOffset.UtcNow;
        return message;
    }

    public static byte[] Plain(string from, string text, params (string Name, string ContentType, byte[] Content)[] attachments)
    {
        var message = New(from);
        var body = new BodyBuilder { TextBody = text };
        foreach (var (name, contentType, content) in attachments)
        {
            body.Attachments.Add(name, content, ContentType.Parse(contentType));
        }

        message.Body = body.ToMessageBody();
        return Bytes(message);
    }

    public static byte[] HtmlOnly(string from, string html)
    {
        var message = New(from);
        message.Body = new TextPart("html") { Text = html };
        return Bytes(message);
    }

    public static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(FormatOptions.Default, stream);
        return stream.ToArray();
    }
}
