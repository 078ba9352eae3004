using System.Net;
using System.Text;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Workflow.Documents;

/// <summary><c>POST /api/referrals/{id}/documents</c>: only the referrer, only real documents of a known kind, within the size limit.</summary>
public sealed class DocumentUploadTests
{
    [Fact]
    public async Task Another_partners_upload_gets_404_as_if_the_referral_did_not_exist_and_changes_nothing()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.PostReferralAsync();

        var response = await scenario.UploadAsync(referralId, TestPartner.Globex.ApiToken, ("medicalRecords", DocumentsScenario.Pdf, "application/pdf"));
        var unknown = await scenario.UploadAsync("no-such-referral", TestPartner.Globex.ApiToken, ("medicalRecords", DocumentsScenario.Pdf, "application/pdf"));
        var stored = await scenario.WaitForEventAsync(referralId, "documents.requested");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal((await unknown.ReadObjectAsync())["title"]?.ToString(), (await response.ReadObjectAsync())["title"]?.ToString());
        Assert.DoesNotContain(stored.Timeline, e => e.Event == "documents.received");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-token", HttpStatusCode.Unauthorized)]
    public async Task Without_the_partners_token_the_upload_is_refused(string? token, HttpStatusCode expected)
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.PostReferralAsync();

        var response = await scenario.UploadAsync(referralId, token, ("medicalRecords", DocumentsScenario.Pdf, "application/pdf"));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_kind_gets_400_naming_the_field_and_listing_the_allowed_kinds()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.PostReferralAsync();

        var response = await scenario.UploadAsync(referralId, TestPartner.Acme.ApiToken, ("xrays", DocumentsScenario.Pdf, "application/pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        var problem = await response.ReadObjectAsync();
        var reason = (string)problem["errors"]!["xrays"]![0]!;
        Assert.Contains("medicalRecords", reason, StringComparison.Ordinal);
        Assert.Contains("priorReport", reason, StringComparison.Ordinal);
        Assert.Equal(7, problem["allowedKinds"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_file_whose_bytes_are_not_its_declared_type_or_whose_type_is_not_accepted_gets_400_naming_each_field()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.PostReferralAsync();

        var response = await scenario.UploadAsync(
            referralId,
            TestPartner.Acme.ApiToken,
            ("medicalRecords", Encoding.UTF8.GetBytes("MZ not really a pdf"), "application/pdf"),
            ("imaging", DocumentsScenario.Pdf, "application/x-msdownload"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.Contains("not application/pdf", (string)errors["medicalRecords"]![0]!, StringComparison.Ordinal);
        Assert.Contains("is not accepted", (string)errors["imaging"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_without_files_or_a_body_that_is_not_a_form_is_refused()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.PostReferralAsync();

        var empty = await scenario.UploadAsync(referralId, TestPartner.Acme.ApiToken);
        var json = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{referralId}/documents") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        json.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestPartner.Acme.ApiToken);
        var notForm = await scenario.App.Client.SendAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await empty.ReadObjectAsync())["errors"]!["files"]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notForm.StatusCode);
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_gets_413()
    {
        await using var scenario = await DocumentsScenario.StartAsync(settings: new Dictionary<string, string?> { ["documents:maxUploadBytes"] = "4096" });
        var referralId = await scenario.PostReferralAsync();
        var big = new byte[8192];
        DocumentsScenario.Pdf.CopyTo(big, 0);

        var response = await scenario.UploadAsync(referralId, TestPartner.Acme.ApiToken, ("medicalRecords", big, "application/pdf"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
