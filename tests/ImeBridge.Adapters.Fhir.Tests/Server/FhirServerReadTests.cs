using System.Text;
using ImeBridge.Adapters.Fhir.Server;
using ImeBridge.Adapters.Fhir.Tests.Support;
using WireMock.RequestBuilders;
using static ImeBridge.Adapters.Fhir.Tests.Server.FhirServerHarness;

namespace ImeBridge.Adapters.Fhir.Tests.Server;

public sealed class FhirServerReadTests
{
    [Fact]
    public async Task A_read_returns_the_resource_and_where_it_came_from()
    {
        using var harness = Start();
        harness.Serve("Patient/1", PatientJson());

        var read = await harness.Client.ReadAsync("Patient/1", CancellationToken.None);

        var patient = Assert.IsType<Hl7.Fhir.Model.Patient>(read!.Resource);
        Assert.Equal("1", patient.Id);
        Assert.Equal(new Uri(harness.Options.BaseUrl!, "Patient/1"), read.Location);
        Assert.Equal(FhirMediaType, Header(Assert.Single(harness.Requests("/r4/Patient/1")), "Accept"));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task A_missing_or_deleted_resource_reads_as_null(int status)
    {
        using var harness = Start();
        harness.Mock.Given(Request.Create().WithPath("/r4/Patient/gone").UsingGet()).RespondWith(Status(status));

        Assert.Null(await harness.Client.ReadAsync("Patient/gone", CancellationToken.None));
    }

    [Fact]
    public void Locate_keeps_references_on_the_partner_server()
    {
        using var harness = Start();
        var client = harness.Client;
        var baseUrl = client.BaseUrl.AbsoluteUri;

        Assert.Equal($"{baseUrl}Patient/1", client.Locate("Patient/1")?.AbsoluteUri);
        Assert.Equal($"{baseUrl}Patient/1/_history/2", client.Locate("Patient/1/_history/2")?.AbsoluteUri);
        Assert.Equal($"{baseUrl}Patient/7", client.Locate($"{baseUrl}Patient/7")?.AbsoluteUri);
        Assert.Null(client.Locate("https://evil.example/r4/Patient/1"));
        Assert.Null(client.Locate($"{baseUrl.Replace("/r4/", "/admin/")}Patient/1"));
        Assert.Null(client.Locate($"{baseUrl.Replace("127.0.0.1", "localhost")}Patient/1"));
        Assert.Null(client.Locate($"{baseUrl}../admin/Patient/1"));
        Assert.Null(client.Locate($"{baseUrl}%2e%2e/admin"));
        Assert.Null(client.Locate("#contained-1"));
        Assert.Null(client.Locate("urn:uuid:3f0c1f1e-64a4-4f52-a8a8-8b4a3f0b1c2d"));
        Assert.Null(client.Locate("Patient/.."));
    }

    [Fact]
    public async Task A_reference_to_another_host_is_refused_without_a_request()
    {
        using var harness = Start();

        var failure = await Assert.ThrowsAsync<FhirServerException>(
            () => harness.Client.ReadAsync("http://169.254.169.254/latest/meta-data/Patient/1", CancellationToken.None));

        Assert.False(failure.IsTransient);
        Assert.Null(failure.StatusCode);
        Assert.Empty(harness.Mock.LogEntries);
        Assert.DoesNotContain("169.254", failure.Message);
    }

    [Fact]
    public async Task Binary_resource_content_is_decoded_to_its_bytes_and_content_type()
    {
        using var harness = Start();
        var pdf = Kit.FixtureBytes("referral-letter.pdf");
        harness.Serve("Binary/letter", $$"""{"resourceType":"Binary","contentType":"application/pdf","data":"{{Convert.ToBase64String(pdf)}}"}""");

        var content = await harness.Client.ReadContentAsync(new Uri("Binary/letter", UriKind.Relative), CancellationToken.None);

        Assert.Equal("application/pdf", content!.ContentType);
        Assert.Equal(pdf, content.Data.ToArray());
    }

    [Fact]
    public async Task Raw_content_is_returned_as_sent()
    {
        using var harness = Start();
        var pdf = Kit.FixtureBytes("referral-letter.pdf");
        harness.Mock.Given(Request.Create().WithPath("/r4/Binary/raw").UsingGet())
            .RespondWith(Status(200).WithHeader("Content-Type", "application/pdf").WithBody(pdf));

        var content = await harness.Client.ReadContentAsync(new Uri(harness.Client.BaseUrl, "Binary/raw"), CancellationToken.None);

        Assert.Equal("application/pdf", content!.ContentType);
        Assert.Equal(pdf, content.Data.ToArray());
    }

    [Fact]
    public async Task Content_larger_than_MaxContentBytes_is_refused()
    {
        using var harness = Start((options, _) => options.MaxContentBytes = 1024);
        harness.Mock.Given(Request.Create().WithPath("/r4/Binary/big").UsingGet())
            .RespondWith(Status(200).WithHeader("Content-Type", "application/pdf").WithBody(new byte[4096]));
        harness.Serve("Binary/big-json", $$"""{"resourceType":"Binary","contentType":"application/pdf","data":"{{Convert.ToBase64String(new byte[1100])}}"}""");

        var raw = await Assert.ThrowsAsync<FhirServerException>(
            () => harness.Client.ReadContentAsync(new Uri("Binary/big", UriKind.Relative), CancellationToken.None));
        var binary = await Assert.ThrowsAsync<FhirServerException>(
            () => harness.Client.ReadContentAsync(new Uri("Binary/big-json", UriKind.Relative), CancellationToken.None));

        Assert.False(raw.IsTransient);
        Assert.Contains("MaxContentBytes", raw.Message);
        Assert.Contains("MaxContentBytes", binary.Message);
    }

    [Fact]
    public async Task Content_is_only_read_under_the_base_url()
    {
        using var harness = Start();

        await Assert.ThrowsAsync<FhirServerException>(
            () => harness.Client.ReadContentAsync(new Uri("https://files.elsewhere.example/letter.pdf"), CancellationToken.None));
        Assert.Empty(harness.Mock.LogEntries);
    }

    [Fact]
    public async Task A_body_that_is_not_FHIR_is_a_clear_failure()
    {
        using var harness = Start();
        harness.Mock.Given(Request.Create().WithPath("/r4/Patient/1").UsingGet())
            .RespondWith(Status(200).WithHeader("Content-Type", FhirMediaType).WithBody(Encoding.UTF8.GetBytes("<html>Daniel</html>")));

        var failure = await Assert.ThrowsAsync<FhirServerException>(() => harness.Client.ReadAsync("Patient/1", CancellationToken.None));

        Assert.False(failure.IsTransient);
        Assert.DoesNotContain("Daniel", failure.Message);
    }
}
