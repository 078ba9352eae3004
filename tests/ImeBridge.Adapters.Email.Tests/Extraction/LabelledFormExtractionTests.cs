using System.Text;
using ImeBridge.Adapters.Email.Extraction;
using ImeBridge.Adapters.Email.Tests.Support;
using MimeKit;

namespace ImeBridge.Adapters.Email.Tests.Extraction;

/// <summary>A referral written as a labelled form in the text or HTML body becomes canonical referral JSON.</summary>
public sealed class LabelledFormExtractionTests
{
    private readonly EmailReferralExtractor extractor = new();

    [Fact]
    public void A_plain_text_referral_letter_becomes_one_canonical_referral()
    {
        var due = TestMessages.DueDateUs();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, TestMessages.PlainReferralLetter(due));

        var extraction = extractor.Extract(new MemoryStream(raw));

        var candidate = Assert.Single(extraction.Candidates);
        Assert.Equal(ReferralCandidateKind.LabelledForm, candidate.Kind);
        Assert.Empty(extraction.Missing);
        var json = JsonPaths.Object(candidate.Content);
        Assert.Equal(FixtureClaimant.ReferralNumber, JsonPaths.Text(json, "source.externalId"));
        Assert.Equal(FixtureClaimant.FirstName, JsonPaths.Text(json, "claimant.firstName"));
        Assert.Equal(FixtureClaimant.MiddleName, JsonPaths.Text(json, "claimant.middleName"));
        Assert.Equal(FixtureClaimant.LastName, JsonPaths.Text(json, "claimant.lastName"));
        Assert.Equal(FixtureClaimant.DateOfBirthIso, JsonPaths.Text(json, "claimant.dateOfBirth"));
        Assert.Equal(FixtureClaimant.Phone, JsonPaths.Text(json, "claimant.phone"));
        Assert.Equal(FixtureClaimant.Email, JsonPaths.Text(json, "claimant.email"));
        Assert.Equal(FixtureClaimant.Street, JsonPaths.Text(json, "claimant.address.line1"));
        Assert.Equal("Apt 2", JsonPaths.Text(json, "claimant.address.line2"));
        Assert.Equal(FixtureClaimant.City, JsonPaths.Text(json, "claimant.address.city"));
        Assert.Equal("NY", JsonPaths.Text(json, "claimant.address.state"));
        Assert.Equal(FixtureClaimant.Zip, JsonPaths.Text(json, "claimant.address.postalCode"));
        Assert.Equal(FixtureClaimant.ClaimNumber, JsonPaths.Text(json, "claim.claimNumber"));
        Assert.Equal("workersComp", JsonPaths.Text(json, "claim.lineOfBusiness"));
        Assert.Equal("NY", JsonPaths.Text(json, "claim.jurisdiction"));
        Assert.Equal("2026-06-03", JsonPaths.Text(json, "claim.dateOfInjury"));
        Assert.Equal("ime", JsonPaths.Text(json, "request.examType"));
        Assert.Equal("Orthopaedic Surgery", JsonPaths.Text(json, "request.specialty"));
        Assert.Equal(TestMessages.DueDateIso(), JsonPaths.Text(json, "request.dueDate"));
        Assert.Equal("Dr. Helena Varga, MD", JsonPaths.Text(json, "request.treatingPhysician.name"));
        Assert.Equal("1234567893", JsonPaths.Text(json, "request.treatingPhysician.npi"));
        Assert.Equal("Is the right knee condition causally related to the work incident?", JsonPaths.Text(json, "request.questions.0"));
        Assert.Equal("Is further physical therapy medically necessary? If so, how many sessions?", JsonPaths.Text(json, "request.questions.1"));
        Assert.Equal("Q3", JsonPaths.Text(json, "request.questions.2.id"));
        Assert.Equal("Has the claimant reached maximum medical improvement?", JsonPaths.Text(json, "request.questions.2.text"));
        Assert.Equal(3, json["request"]!["questions"]!.AsArray().Count);
        Assert.Equal(TestPartners.AcmeSender, JsonPaths.Text(json, "referrer.contact.email"));
    }

    [Fact]
    public void An_html_only_table_referral_reads_label_cells_and_value_cells()
    {
        var raw = TestMessages.HtmlOnly(TestPartners.GlobexSender, TestMessages.HtmlTableReferral(TestMessages.DueDateUs()));

        var extraction = extractor.Extract(new MemoryStream(raw));

        var json = JsonPaths.Object(Assert.Single(extraction.Candidates).Content);
        Assert.Equal(FixtureClaimant.FirstName, JsonPaths.Text(json, "claimant.firstName"));
        Assert.Equal(FixtureClaimant.LastName, JsonPaths.Text(json, "claimant.lastName"));
        Assert.Equal(FixtureClaimant.DateOfBirthIso, JsonPaths.Text(json, "claimant.dateOfBirth"));
        Assert.Equal(FixtureClaimant.ClaimNumber, JsonPaths.Text(json, "claim.claimNumber"));
        Assert.Equal("auto", JsonPaths.Text(json, "claim.lineOfBusiness"));
        Assert.Equal("NJ", JsonPaths.Text(json, "claim.jurisdiction"));
        Assert.Equal("2026-06-02", JsonPaths.Text(json, "claim.dateOfInjury"));
        Assert.Equal(FixtureClaimant.Phone, JsonPaths.Text(json, "claimant.phone"));
        Assert.Equal("Neurology", JsonPaths.Text(json, "request.specialty"));
        Assert.Equal("Is the cervical strain related to the accident?", JsonPaths.Text(json, "request.questions.0"));
        Assert.Equal("Is further treatment needed?", JsonPaths.Text(json, "request.questions.1"));
    }

    [Fact]
    public void Outlook_style_html_paragraphs_and_list_items_holding_paragraphs_read_as_lines()
    {
        var html = """
            <html><head><title>Referral</title><style>p.MsoNormal { margin: 0 }</style></head><body>
            <p class=MsoNormal><b>Claimant:</b>&nbsp;Dana&nbsp;Smith</p>
            <p class=MsoNormal><b>DOB:</b> 01/02/1980</p>
            <p class=MsoNormal><b>Claim #:</b> 123-456<br><b>Line of Business:</b> Liability<br><b>Jurisdiction:</b> Texas</p>
            <p class=MsoNormal><b>Questions:</b></p>
            <ol><li><p class=MsoListParagraph>Is the &lt;lumbar&gt; strain work related?</p></li><li><p>Is surgery indicated?</p></li></ol>
            </body></html>
            """;
        var raw = TestMessages.HtmlOnly(TestPartners.AcmeSender, html);

        var json = JsonPaths.Object(Assert.Single(extractor.Extract(new MemoryStream(raw)).Candidates).Content);

        Assert.Equal("Dana", JsonPaths.Text(json, "claimant.firstName"));
        Assert.Equal("TX", JsonPaths.Text(json, "claim.jurisdiction"));
        Assert.Equal("liability", JsonPaths.Text(json, "claim.lineOfBusiness"));
        Assert.Equal("Is the <lumbar> strain work related?", JsonPaths.Text(json, "request.questions.0"));
        Assert.Equal("Is surgery indicated?", JsonPaths.Text(json, "request.questions.1"));
    }

    [Fact]
    public void Labels_without_colons_and_a_last_first_name_are_read_but_prose_is_not()
    {
        var text = """
            Claimant was seen by his own doctor last week; please address the questions below.
            Address the causation question first.

            Injured Worker    OKAFOR-LINDQVIST, Daniela
            Date of Birth     1979-03-14
            Claim Number      WC-NY-2026-771204
            Jurisdiction      CA
            Claim Type        Workers Comp
            Exam Type         Records Review
            """;
        var raw = TestMessages.Plain(TestPartners.AcmeSender, text);

        var json = JsonPaths.Object(Assert.Single(extractor.Extract(new MemoryStream(raw)).Candidates).Content);

        Assert.Equal("Daniela", JsonPaths.Text(json, "claimant.firstName"));
        Assert.Equal("OKAFOR-LINDQVIST", JsonPaths.Text(json, "claimant.lastName"));
        Assert.Equal(FixtureClaimant.DateOfBirthIso, JsonPaths.Text(json, "claimant.dateOfBirth"));
        Assert.Equal("CA", JsonPaths.Text(json, "claim.jurisdiction"));
        Assert.Equal("recordsReview", JsonPaths.Text(json, "request.examType"));
        Assert.Null(JsonPaths.Text(json, "claimant.address"));
    }

    [Theory]
    [InlineData("03/14/1979", "1979-03-14")]
    [InlineData("3-14-1979", "1979-03-14")]
    [InlineData("1979-03-14", "1979-03-14")]
    [InlineData("June 3, 2026", "2026-06-03")]
    [InlineData("Jun 3rd 2026", "2026-06-03")]
    [InlineData("3 June 2026", "2026-06-03")]
    [InlineData("Sept. 9, 2026", "2026-09-09")]
    [InlineData("September 9, 2026", "2026-09-09")]
    public void Dates_are_read_as_written_in_us_referral_letters(string written, string iso)
    {
        var text = $"Claimant: Dana Smith\nDOB: {written}\nClaim #: 123-456\nLine of Business: Liability\nJurisdiction: TX";
        var raw = TestMessages.Plain(TestPartners.AcmeSender, text);

        var json = JsonPaths.Object(Assert.Single(extractor.Extract(new MemoryStream(raw)).Candidates).Content);

        Assert.Equal(iso, JsonPaths.Text(json, "claimant.dateOfBirth"));
    }

    [Fact]
    public void A_partial_form_names_every_required_field_it_lacks()
    {
        var raw = TestMessages.Plain(TestPartners.AcmeSender, $"Claimant: {FixtureClaimant.FirstName}\nClaim #: {FixtureClaimant.ClaimNumber}\n");

        var extraction = extractor.Extract(new MemoryStream(raw));

        Assert.Empty(extraction.Candidates);
        Assert.Equal(
            ["claimant.lastName", "claimant.dateOfBirth", "claim.lineOfBusiness", "claim.jurisdiction"],
            extraction.Missing.Select(e => e.Path));
        Assert.All(extraction.Missing, e => Assert.Equal("not found in the message", e.Reason));
    }

    [Fact]
    public void A_signature_phone_is_not_taken_for_the_claimants_before_the_claimant_is_named()
    {
        var text = "Phone: (518) 555-0177\n\nClaimant: Dana Smith\nDOB: 01/02/1980\nClaim #: 123-456\nLine of Business: Liability\nJurisdiction: TX\n";
        var raw = TestMessages.Plain(TestPartners.AcmeSender, text);

        var json = JsonPaths.Object(Assert.Single(extractor.Extract(new MemoryStream(raw)).Candidates).Content);

        Assert.Null(JsonPaths.Text(json, "claimant.phone"));
    }

    [Fact]
    public void A_form_quoted_in_a_reply_still_reads()
    {
        var quoted = string.Join('\n', TestMessages.PlainReferralLetter(TestMessages.DueDateUs()).Split('\n').Select(line => "> " + line));
        var raw = TestMessages.Plain(TestPartners.AcmeSender, "Resending, see below.\n\n" + quoted);

        var json = JsonPaths.Object(Assert.Single(extractor.Extract(new MemoryStream(raw)).Candidates).Content);

        Assert.Equal(FixtureClaimant.LastName, JsonPaths.Text(json, "claimant.lastName"));
    }

    [Fact]
    public void Without_a_referral_number_the_message_id_is_the_external_id()
    {
        var message = TestMessages.New(TestPartners.AcmeSender);
        message.MessageId = "unique-123@acme-insurance.example";
        message.Body = new TextPart("plain") { Text = "Claimant: Dana Smith\nDOB: 01/02/1980\nClaim #: 123-456\nLine of Business: Liability\nJurisdiction: TX" };

        var json = JsonPaths.Object(Assert.Single(extractor.Extract(message).Candidates).Content);

        Assert.Equal("unique-123@acme-insurance.example", JsonPaths.Text(json, "source.externalId"));
    }

    [Fact]
    public void Quoted_printable_and_rfc2047_encoded_messages_read_like_plain_ones()
    {
        var message = TestMessages.New(TestPartners.AcmeSender, subject: "Überweisung – Gutachten");
        var part = new TextPart("plain") { Text = "Claimant: Zoë Ångström\nDOB: 01/02/1980\nClaim #: 123-456\nLine of Business: Liability\nJurisdiction: TX" };
        part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        message.Body = part;
        var raw = TestMessages.Bytes(message);
        Assert.Contains("=?utf-8?", Encoding.ASCII.GetString(raw), StringComparison.OrdinalIgnoreCase);

        var json = JsonPaths.Object(Assert.Single(extractor.Extract(new MemoryStream(raw)).Candidates).Content);

        Assert.Equal("Zoë", JsonPaths.Text(json, "claimant.firstName"));
        Assert.Equal("Ångström", JsonPaths.Text(json, "claimant.lastName"));
    }
}
