using ImeBridge.Adapters.Email.Extraction;
using ImeBridge.Adapters.Email.Tests.Support;
using ImeBridge.Testing;
using MimeKit;
using MimeKit.Tnef;

namespace ImeBridge.Adapters.Email.Tests.Extraction;

/// <summary>Real-world messages (../shared/corpus/email, read as they are) come apart with the right files.</summary>
public sealed class CorpusExtractionTests
{
    /// <summary>What each corpus message carries: its files, by decoded name. Inline images of an HTML body and S/MIME signatures are not files.</summary>
    public static readonly TheoryData<string, string[]> Expected = new()
    {
        { "mail-attachment-pdf-crlf.eml", ["broken.pdf"] },
        { "mail-attachment-pdf-lf.eml", ["broken.pdf"] },
        { "mail-attachment-raw-8bit-filename.eml", ["ciële.txt"] },
        { "mail-attachment-rfc2047-b-filename.eml", ["This is a test.pdf"] },
        { "mail-attachment-rfc2047-utf8-japanese-filename.eml", ["てすと.txt"] },
        // The RFC 2231 name holds a byte that is not ISO-2022-JP; it decodes to '?'.
        { "mail-attachment-rfc2231-filename.eml", ["01 Quien Te Dij?at. Pitbull.mp3"] },
        { "mail-forwarded-message-rfc822-with-pdf.eml", ["broken.pdf"] },
        { "mail-html-only-inline-image-cid.eml", [] },
        { "mail-html-only-qp-minimal.eml", [] },
        { "mail-rfc6532-utf8-headers.eml", [] },
        { "mail-smime-signed-nested-attachment.eml", ["truncated.png"] },
        { "mimekit-embedded-message-rfc822.eml", [] },
        { "mimekit-html-only-multipart-related-qp.eml", [] },
        { "mimekit-japanese-iso2022jp-subject.eml", [] },
        { "mimekit-simple-multipart.eml", ["attachment.txt"] },
        { "mimekit-tnef-winmail-dat-koi8r.eml", [] },
    };

    private readonly EmailReferralExtractor extractor = new();

    private static string CorpusFile(string name) => Path.Combine(RepositoryFolders.Corpus, "email", name);

    [Theory]
    [MemberData(nameof(Expected))]
    public void Every_corpus_message_comes_apart_with_its_files_and_asks_for_a_referral(string file, string[] fileNames)
    {
        using var stream = File.OpenRead(CorpusFile(file));

        var extraction = extractor.Extract(stream);

        Assert.Equal(fileNames, extraction.Attachments.Select(a => a.FileName));
        Assert.Empty(extraction.Candidates);
        Assert.Equal("$", extraction.Missing[0].Path);
        Assert.Contains(extraction.Missing, e => e.Path == "claimant.lastName" && e.Reason == "not found in the message");
    }

    [Fact]
    public void The_expectations_cover_every_message_of_the_corpus()
    {
        var onDisk = Directory.GetFiles(Path.Combine(RepositoryFolders.Corpus, "email"), "*.eml").Select(Path.GetFileName).Order();

        Assert.Equal(onDisk, Expected.Select(row => (string)row[0]).Order());
    }

    [Fact]
    public void A_files_bytes_are_decoded_and_hashed()
    {
        using var stream = File.OpenRead(CorpusFile("mimekit-simple-multipart.eml"));

        var attachment = Assert.Single(extractor.Extract(stream).Attachments);

        Assert.Equal("This is the base64 encoded attachment."u8.ToArray(), attachment.Content.ToArray());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(attachment.Content.Span)), attachment.Sha256);
        Assert.Equal("application/octet-stream", attachment.ContentType);
    }

    [Fact]
    public void The_pdf_inside_a_forwarded_message_is_a_file_of_the_email()
    {
        using var stream = File.OpenRead(CorpusFile("mail-forwarded-message-rfc822-with-pdf.eml"));

        var pdf = Assert.Single(extractor.Extract(stream).Attachments);

        Assert.Equal("application/pdf", pdf.ContentType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf.Content.Span[..4]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_message_yields_its_signed_content_not_the_signature()
    {
        using var stream = File.OpenRead(CorpusFile("mail-smime-signed-nested-attachment.eml"));

        var extraction = extractor.Extract(stream);

        var png = Assert.Single(extraction.Attachments);
        Assert.Equal("image/png", png.ContentType);
        Assert.Equal("imaging", png.Kind);
        Assert.DoesNotContain(extraction.Attachments, a => a.FileName == "smime.p7s");
    }

    [Fact]
    public void Outlooks_winmail_dat_is_unpacked_rather_than_kept_as_a_file()
    {
        using var stream = File.OpenRead(CorpusFile("mimekit-tnef-winmail-dat-koi8r.eml"));

        var extraction = extractor.Extract(stream);

        Assert.DoesNotContain(extraction.Attachments, a => a.FileName.Equals("winmail.dat", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_winmail_dat_gives_up_its_files_and_its_body_is_read_for_the_form()
    {
        var form = "Claimant: Dana Smith\r\nDOB: 01/02/1980\r\nClaim #: 123-456\r\nLine of Business: Liability\r\nJurisdiction: TX\r\n";
        var tnef = new TnefPart { FileName = "winmail.dat", Content = new MimeContent(new MemoryStream(TnefBuilder.Build(form, "mri-left-knee.pdf", TestMessages.PdfBytes))) };
        var message = TestMessages.New(TestPartners.AcmeSender);
        message.Body = new Multipart("mixed") { new TextPart("plain") { Text = "See the Outlook attachment." }, tnef };

        var extraction = extractor.Extract(message);

        var file = Assert.Single(extraction.Attachments);
        Assert.Equal("mri-left-knee.pdf", file.FileName);
        Assert.Equal(TestMessages.PdfBytes, file.Content.ToArray());
        Assert.Equal("imaging", file.Kind);
        var json = JsonPaths.Object(Assert.Single(extraction.Candidates).Content);
        Assert.Equal("Smith", JsonPaths.Text(json, "claimant.lastName"));
    }
}
