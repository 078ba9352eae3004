using System.Text;
using ImeBridge.Adapters.Email.Intake;
using ImeBridge.Adapters.Email.Tests.Support;
using ImeBridge.Core.Model;
using MimeKit;

namespace ImeBridge.Adapters.Email.Tests.Intake;

/// <summary>An email kept and queued becomes stored referrals with their documents, and the sender gets an answer.</summary>
public sealed class EmailReferralIntakeTests
{
    [Fact]
    public async Task A_labelled_letter_with_a_pdf_becomes_a_referral_listing_the_pdf_and_the_email()
    {
        await using var harness = await EmailHarness.StartAsync();
        var raw = TestMessages.Plain(
            TestPartners.AcmeColleague,
            TestMessages.PlainReferralLetter(TestMessages.DueDateUs()),
            ("medical-records-2026.pdf", "application/pdf", TestMessages.PdfBytes));

        var receipt = await harness.ReceiveAsync(raw);
        await harness.DrainAsync();

        var ack = Assert.Single(harness.Sender.Sent);
        var referralId = Assert.Single(harness.AcknowledgedReferralIds());
        var stored = (await harness.ReferralsAsync([referralId]))[0];
        var referral = stored.Referral;
        Assert.Equal(TestPartners.Acme.Id, stored.PartnerId);
        Assert.Equal("email", referral.Source.Channel);
        Assert.Equal(receipt.EmailId, referral.Source.DeliveryId);
        Assert.Equal(FixtureClaimant.ReferralNumber, referral.Source.ExternalId);
        Assert.Equal(FixtureClaimant.LastName, referral.Claimant.LastName);
        Assert.Equal(new DateOnly(1979, 3, 14), referral.Claimant.DateOfBirth);
        Assert.Equal(FixtureClaimant.PhoneE164, referral.Claimant.Phone);
        Assert.Equal("America/New_York", referral.Claimant.TimeZone);
        Assert.Equal("insurer", referral.Referrer.Kind);
        Assert.Equal(TestPartners.Acme.Name, referral.Referrer.Organization);
        Assert.Equal(3, referral.Request.Questions.Count);

        var pdf = Assert.Single(referral.Documents, d => d.FileName == "medical-records-2026.pdf");
        Assert.Equal("medicalRecords", pdf.Kind);
        Assert.Equal("application/pdf", pdf.ContentType);
        Assert.Equal(TestMessages.PdfBytes.Length, pdf.Size);
        Assert.Equal(TestMessages.PdfBytes, await ReadDocumentAsync(harness, pdf));
        var email = Assert.Single(referral.Documents, d => d.ContentType == "message/rfc822");
        Assert.Equal("referralLetter", email.Kind);
        Assert.Equal(receipt.Sha256, email.Sha256);
        Assert.Equal(raw, await ReadDocumentAsync(harness, email));

        Assert.Equal(TestPartners.AcmeColleague, ack.To);
        Assert.Equal("ack:" + receipt.Sha256, ack.MessageId);
        Assert.Equal($"<{MimeMessage.Load(new MemoryStream(raw)).MessageId}>", ack.InReplyTo);
        Assert.Contains(referralId, ack.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_html_table_referral_is_stored()
    {
        await using var harness = await EmailHarness.StartAsync();

        await harness.ReceiveAsync(TestMessages.HtmlOnly(TestPartners.GlobexSender, TestMessages.HtmlTableReferral(TestMessages.DueDateUs())));
        await harness.DrainAsync();

        var referral = (await harness.ReferralsAsync(harness.AcknowledgedReferralIds())).Single().Referral;
        Assert.Equal(TestPartners.Globex.Id, referral.Source.PartnerId);
        Assert.Equal("tpa", referral.Referrer.Kind);
        Assert.Equal("auto", referral.Claim.LineOfBusiness);
        Assert.Equal("NJ", referral.Claim.Jurisdiction);
        Assert.Equal(2, referral.Request.Questions.Count);
    }

    [Fact]
    public async Task A_forwarded_message_carrying_a_json_referral_is_taken_in_from_the_forward()
    {
        await using var harness = await EmailHarness.StartAsync();
        var original = TestMessages.New("adjuster@elsewhere.example", subject: "Referral");
        var inner = new BodyBuilder { TextBody = "Referral attached." };
        inner.Attachments.Add("referral.json", ReferralFiles.CanonicalJson("ACME-FWD-1"), new ContentType("application", "json"));
        inner.Attachments.Add("IME-referral-letter.pdf", TestMessages.PdfBytes, new ContentType("application", "pdf"));
        original.Body = inner.ToMessageBody();
        var forward = TestMessages.New(TestPartners.AcmeSender, subject: "Fwd: Referral");
        forward.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Forwarding the referral below." },
            new MessagePart { Message = original },
        };

        await harness.ReceiveAsync(TestMessages.Bytes(forward));
        await harness.DrainAsync();

        var referral = (await harness.ReferralsAsync(harness.AcknowledgedReferralIds())).Single().Referral;
        Assert.Equal("ACME-FWD-1", referral.Source.ExternalId);
        Assert.Equal("Okonkwo-Whitfield", referral.Claimant.LastName);
        var letter = Assert.Single(referral.Documents, d => d.FileName == "IME-referral-letter.pdf");
        Assert.Equal("referralLetter", letter.Kind);
        Assert.StartsWith("local:sha256/", letter.StoreRef, StringComparison.Ordinal);
        Assert.DoesNotContain(referral.Documents, d => d.FileName == "referral.json");
        Assert.Contains(referral.Documents, d => d.ContentType == "message/rfc822" && d.Kind == "other");
    }

    [Fact]
    public async Task A_csv_attachment_with_two_rows_becomes_two_referrals_each_with_its_own_files()
    {
        await using var harness = await EmailHarness.StartAsync();
        var records1 = Encoding.ASCII.GetBytes("%PDF-1.4 records of row one");
        var xray2 = Encoding.ASCII.GetBytes("%PDF-1.4 x-ray of row two");
        var raw = TestMessages.Plain(
            TestPartners.AcmeSender,
            "Today's referrals attached.",
            ("referrals.csv", "text/csv", ReferralFiles.Csv(ReferralFiles.CsvRow(1), ReferralFiles.CsvRow(2))),
            ("WC-000001 records.pdf", "application/pdf", records1),
            ("WC-000002 x-ray.pdf", "application/pdf", xray2),
            ("WC-0000019 notes.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.4 another claim's notes")));

        await harness.ReceiveAsync(raw);
        await harness.DrainAsync();

        var referrals = (await harness.ReferralsAsync(harness.AcknowledgedReferralIds())).Select(s => s.Referral).OrderBy(r => r.Source.ExternalId).ToList();
        Assert.Equal(["EXT-000001", "EXT-000002"], referrals.Select(r => r.Source.ExternalId));
        Assert.All(referrals, r => Assert.Equal("email", r.Source.Channel));
        Assert.Equal("WC-000001 records.pdf", Assert.Single(referrals[0].Documents).FileName);
        Assert.Equal("medicalRecords", referrals[0].Documents[0].Kind);
        Assert.Equal("WC-000002 x-ray.pdf", Assert.Single(referrals[1].Documents).FileName);
        Assert.Equal("imaging", referrals[1].Documents[0].Kind);
        var ack = Assert.Single(harness.Sender.Sent);
        Assert.Contains("row 1 of referrals.csv", ack.TextBody, StringComparison.Ordinal);
        Assert.Contains("row 2 of referrals.csv", ack.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_row_that_fails_validation_is_refused_by_row_and_field_and_the_other_row_is_stored()
    {
        await using var harness = await EmailHarness.StartAsync();
        var raw = TestMessages.Plain(
            TestPartners.AcmeSender,
            "Two referrals.",
            ("batch.csv", "text/csv", ReferralFiles.Csv(ReferralFiles.CsvRow(1), ReferralFiles.CsvRow(2).Replace(",NY,", ",ZZ,", StringComparison.Ordinal))));

        await harness.ReceiveAsync(raw);
        await harness.DrainAsync();

        Assert.Single(harness.AcknowledgedReferralIds());
        var ack = Assert.Single(harness.Sender.Sent);
        Assert.Contains("row 2 of batch.csv", ack.TextBody, StringComparison.Ordinal);
        Assert.Contains("claim.jurisdiction:", ack.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("ZZ", ack.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_json_referral_is_refused_with_its_json_kept_and_the_sender_told_which_field()
    {
        await using var harness = await EmailHarness.StartAsync();
        var json = ReferralFiles.CanonicalJson("ACME-BAD-1", r => r["claim"]!["jurisdiction"] = "ZZ");
        var raw = TestMessages.Plain(TestPartners.AcmeSender, "See attached.", ("referral.json", "application/json", json));

        var receipt = await harness.ReceiveAsync(raw);
        await harness.DrainAsync();

        Assert.Empty(harness.AcknowledgedReferralIds());
        var rejection = Assert.Single(await harness.Store.ListRejectionsAsync(10, CancellationToken.None));
        Assert.Equal("email", rejection.Channel);
        Assert.Equal(TestPartners.Acme.Id, rejection.PartnerId);
        Assert.Equal(receipt.EmailId, rejection.DeliveryId);
        Assert.Equal("claim.jurisdiction", Assert.Single(rejection.Errors).Path);
        var kept = Encoding.UTF8.GetString((await harness.Store.ReadOriginalAsync(rejection.Original!, CancellationToken.None))!);
        Assert.Contains("\"ZZ\"", kept, StringComparison.Ordinal);
        var ack = Assert.Single(harness.Sender.Sent);
        Assert.Contains(rejection.RejectionId, ack.TextBody, StringComparison.Ordinal);
        Assert.Contains("claim.jurisdiction:", ack.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_attachment_that_does_not_parse_is_refused_saying_where_it_breaks()
    {
        await using var harness = await EmailHarness.StartAsync();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, "See attached.", ("referral.json", "application/json", Encoding.UTF8.GetBytes("{\"claimant\": {\"lastName\": \"Okafor\",\n}")));

        await harness.ReceiveAsync(raw);
        await harness.DrainAsync();

        var rejection = Assert.Single(await harness.Store.ListRejectionsAsync(10, CancellationToken.None));
        var error = Assert.Single(rejection.Errors);
        Assert.Equal("$", error.Path);
        Assert.StartsWith("is not valid JSON (line 2", error.Reason, StringComparison.Ordinal);
        Assert.Contains("$: is not valid JSON", Assert.Single(harness.Sender.Sent).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fhir_bundle_attachment_becomes_a_referral_from_the_email_channel_with_its_inline_document_kept()
    {
        await using var harness = await EmailHarness.StartAsync();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, "FHIR attached.", ("bundle.json", "application/fhir+json", ReferralFiles.FhirBundle()));

        await harness.ReceiveAsync(raw);
        await harness.DrainAsync();

        var referralId = Assert.Single(harness.AcknowledgedReferralIds());
        var stored = Assert.Single(await harness.ReferralsAsync([referralId]));
        Assert.Equal("email", stored.Referral.Source.Channel);
        Assert.Equal("NY", stored.Referral.Claim.Jurisdiction);
        var letter = Assert.Single(stored.Referral.Documents, d => d.ContentType == "application/pdf");
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await ReadDocumentAsync(harness, letter)), StringComparison.Ordinal);
        Assert.Empty(await harness.Store.ListRejectionsAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task A_fhir_bundle_without_a_service_request_is_refused_naming_the_fhirpath_and_the_sender_is_told()
    {
        await using var harness = await EmailHarness.StartAsync();
        var raw = TestMessages.Plain(TestPartners.AcmeSender, "FHIR attached.", ("bundle.json", "application/fhir+json", ReferralFiles.EmptyFhirBundle()));

        await harness.ReceiveAsync(raw);
        await harness.DrainAsync();

        var rejection = Assert.Single(await harness.Store.ListRejectionsAsync(10, CancellationToken.None));
        Assert.Equal("Bundle.entry", Assert.Single(rejection.Errors).Path);
        Assert.Contains("Bundle.entry:", Assert.Single(harness.Sender.Sent).TextBody, StringComparison.Ordinal);
        Assert.Equal(0, harness.CountReferrals());
    }

    private static async Task<byte[]> ReadDocumentAsync(EmailHarness harness, ReferralDocument document)
    {
        await using var stream = await harness.Documents.OpenAsync(document.Sha256!, CancellationToken.None);
        Assert.NotNull(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
