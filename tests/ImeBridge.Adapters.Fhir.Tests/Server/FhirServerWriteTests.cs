using System.Text.Json;
using Hl7.Fhir.Model;
using ImeBridge.Adapters.Fhir.Server;
using WireMock.RequestBuilders;
using static ImeBridge.Adapters.Fhir.Tests.Server.FhirServerHarness;
using Task = System.Threading.Tasks.Task;

namespace ImeBridge.Adapters.Fhir.Tests.Server;

public sealed class FhirServerWriteTests
{
    private static readonly Identifier ReferralId = new("https://imebridge.example/referral", "R-2026-0001");

    [Fact]
    public async Task A_conditional_update_puts_by_identifier_and_returns_the_id_and_version()
    {
        using var harness = Start();
        harness.Mock.Given(Request.Create().WithPath("/r4/Task").UsingPut())
            .RespondWith(Status(201).WithHeader("Location", $"{harness.Client.BaseUrl}Task/t-42/_history/3"));

        var written = await harness.Client.UpsertByIdentifierAsync(ImeTask(), ReferralId, CancellationToken.None);

        Assert.Equal("t-42", written.Id);
        Assert.Equal("3", written.VersionId);
        Assert.True(written.Created);
        var put = Assert.Single(harness.Requests("/r4/Task"));
        Assert.Equal("https://imebridge.example/referral|R-2026-0001", put.RequestMessage!.Query!["identifier"].Single());
        Assert.StartsWith(FhirMediaType, Header(put, "Content-Type"));
        using var body = JsonDocument.Parse(Body(put));
        Assert.Equal("Task", body.RootElement.GetProperty("resourceType").GetString());
    }

    [Fact]
    public async Task A_conditional_create_sends_If_None_Exist_and_reads_an_existing_match()
    {
        using var harness = Start();
        harness.Mock.Given(Request.Create().WithPath("/r4/Task").UsingPost())
            .RespondWith(FhirAnswer("""{"resourceType":"Task","id":"t-7","meta":{"versionId":"5"},"status":"requested","intent":"order"}""")
                .WithHeader("ETag", "W/\"5\""));

        var written = await harness.Client.CreateIfNoneExistAsync(ImeTask(), ReferralId, CancellationToken.None);

        Assert.Equal("t-7", written.Id);
        Assert.Equal("5", written.VersionId);
        Assert.False(written.Created);
        var post = Assert.Single(harness.Requests("/r4/Task"));
        Assert.Equal("identifier=https://imebridge.example/referral|R-2026-0001", Uri.UnescapeDataString(Header(post, "If-None-Exist")));
    }

    [Fact]
    public async Task A_conditional_create_is_retried_on_503_because_it_is_idempotent()
    {
        using var harness = Start();
        harness.Sequence("/r4/Task", "POST", Status(503), Status(201).WithHeader("Location", "Task/t-9/_history/1"));

        var written = await harness.Client.CreateIfNoneExistAsync(ImeTask(), ReferralId, CancellationToken.None);

        Assert.Equal("t-9", written.Id);
        Assert.Equal(2, harness.Requests("/r4/Task").Count);
    }

    [Fact]
    public async Task Several_matches_are_a_failure_that_is_not_transient()
    {
        using var harness = Start();
        harness.Mock.Given(Request.Create().WithPath("/r4/Task").UsingPut())
            .RespondWith(FhirAnswer("""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"multiple-matches"}]}""", 412));

        var failure = await Assert.ThrowsAsync<FhirServerException>(
            () => harness.Client.UpsertByIdentifierAsync(ImeTask(), ReferralId, CancellationToken.None));

        Assert.Equal(412, failure.StatusCode);
        Assert.False(failure.IsTransient);
        Assert.Equal(["multiple-matches"], failure.IssueCodes);
        Assert.Contains("PUT Task", failure.Message);
        Assert.DoesNotContain("R-2026-0001", failure.Message);
    }

    private static Hl7.Fhir.Model.Task ImeTask() => new()
    {
        Status = Hl7.Fhir.Model.Task.TaskStatus.Requested,
        Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
        Identifier = [ReferralId],
    };
}
