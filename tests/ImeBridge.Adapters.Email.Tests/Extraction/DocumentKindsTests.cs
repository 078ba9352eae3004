using ImeBridge.Adapters.Email.Extraction;

namespace ImeBridge.Adapters.Email.Tests.Extraction;

public sealed class DocumentKindsTests
{
    [Theory]
    [InlineData("IME-referral-WC-NY-2026-0048213.pdf", "application/pdf", "referralLetter")]
    [InlineData("albany-ortho-records-2026-02.pdf", "application/pdf", "medicalRecords")]
    [InlineData("PT_notes_March.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "medicalRecords")]
    [InlineData("Letter from claimant's attorney.pdf", "application/pdf", "legalLetter")]
    [InlineData("MRI left knee.pdf", "application/pdf", "imaging")]
    [InlineData("scan0001.jpg", "image/jpeg", "imaging")]
    [InlineData("Prior IME report 2024.pdf", "application/pdf", "priorReport")]
    [InlineData("questionnaire.pdf", "application/pdf", "questionnaire")]
    [InlineData("shipment.pdf", "application/pdf", "other")]
    [InlineData("attachment.txt", "application/octet-stream", "other")]
    public void A_files_kind_is_guessed_from_its_name_and_type(string fileName, string contentType, string kind) =>
        Assert.Equal(kind, DocumentKinds.Guess(fileName, contentType));
}
