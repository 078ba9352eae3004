using ImeBridge.Adapters.Fhir.Server;
using WireMock.RequestBuilders;
using static ImeBridge.Adapters.Fhir.Tests.Server.FhirServerHarness;

namespace ImeBridge.Adapters.Fhir.Tests.Server;

public sealed class FhirServerUnauthorizedTests
{
    [Fact]
    public async Task A_401_drops_the_token_and_the_read_succeeds_with_a_new_one()
    {
        using var harness = WithClientSecret();
        harness.Sequence("/oauth/token", "POST", Token("token-1"), Token("token-2"));
        harness.Mock.Given(Request.Create().WithPath("/r4/Patient/1").UsingGet().WithHeader("Authorization", "Bearer token-1"))
            .RespondWith(Status(401));
        harness.Mock.Given(Request.Create().WithPath("/r4/Patient/1").UsingGet().WithHeader("Authorization", "Bearer token-2"))
            .RespondWith(FhirAnswer(PatientJson()));

        var read = await harness.Client.ReadAsync("Patient/1", CancellationToken.None);

        Assert.Equal("1", read!.Resource.Id);
        Assert.Equal(2, harness.Requests("/oauth/token").Count);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], harness.Requests("/r4/Patient/1").Select(r => Header(r, "Authorization")));
    }

    [Fact]
    public async Task A_second_401_is_a_failure_that_is_not_transient()
    {
        using var harness = WithClientSecret();
        harness.Sequence("/oauth/token", "POST", Token("token-1"), Token("token-2"));
        harness.Mock.Given(Request.Create().WithPath("/r4/Patient/1").UsingGet()).RespondWith(Status(401));

        var failure = await Assert.ThrowsAsync<FhirServerException>(() => harness.Client.ReadAsync("Patient/1", CancellationToken.None));

        Assert.Equal(401, failure.StatusCode);
        Assert.False(failure.IsTransient);
        Assert.Equal(2, harness.Requests("/r4/Patient/1").Count);
        Assert.Equal(2, harness.Requests("/oauth/token").Count);
    }

    private static WireMock.ResponseBuilders.IResponseBuilder Token(string token) =>
        Status(200).WithHeader("Content-Type", "application/json")
            .WithBody($$"""{"access_token":"{{token}}","token_type":"bearer","expires_in":3600}""");
}
