using Hl7.Fhir.Model;
using ImeBridge.Adapters.Fhir.Server;
using ImeBridge.Adapters.Fhir.Tests.Support;
using WireMock.RequestBuilders;
using static ImeBridge.Adapters.Fhir.Tests.Server.FhirServerHarness;
using Task = System.Threading.Tasks.Task;

namespace ImeBridge.Adapters.Fhir.Tests.Server;

public sealed class FhirServerPrivacyTests
{
    // Short digit runs of the fixtures ("518") could be a duration in milliseconds; every other fixture value is scanned.
    private static readonly string[] Phi = [.. Kit.FixturePhi.Where(value => value.Length >= 5 || value.Any(char.IsLetter))];

    [Fact]
    public async Task Exception_messages_and_logs_carry_no_PHI_no_query_values_and_no_credentials()
    {
        using var harness = WithClientSecret();
        harness.ServeToken("token-abc123");
        var patient = Kit.Entry(Kit.Transaction(), 1);
        patient["id"] = "p1";
        harness.Serve("Patient/p1", patient.ToJsonString());
        harness.Mock.Given(Request.Create().WithPath("/r4/Patient").UsingGet())
            .RespondWith(FhirAnswer(
                """{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invalid","diagnostics":"Unknown patient Okonkwo born 1981-07-14 at 418 Delaware Ave, Albany"}]}""",
                400));
        harness.Mock.Given(Request.Create().WithPath("/r4/Task").UsingPut()).RespondWith(Status(500));
        var failures = new List<Exception>();

        var read = await harness.Client.ReadAsync("Patient/p1", CancellationToken.None);
        failures.Add(await Assert.ThrowsAsync<FhirServerException>(async () =>
        {
            await foreach (var _ in harness.Client.SearchAsync("Patient", [new("family", "Okonkwo"), new("birthdate", "1981-07-14")], 1, CancellationToken.None))
            {
            }
        }));
        failures.Add(await Assert.ThrowsAsync<FhirServerException>(() => harness.Client.UpsertByIdentifierAsync(
            new Hl7.Fhir.Model.Task { Status = Hl7.Fhir.Model.Task.TaskStatus.Requested, Intent = Hl7.Fhir.Model.Task.TaskIntent.Order },
            new Identifier("https://claims.example/claim", "WC-NY-2026-0048213"),
            CancellationToken.None)));
        failures.Add(await Assert.ThrowsAsync<FhirServerException>(() => harness.Client.ReadAsync("https://elsewhere.example/Patient/Okonkwo", CancellationToken.None)));

        Assert.Contains(((Patient)read!.Resource).Name, name => name.Family?.Contains("Okonkwo") == true);
        var logs = harness.Logs.AllText;
        Assert.Contains("acme", logs);
        var everything = string.Join('\n', failures.Select(f => f.ToString())) + '\n' + logs;
        foreach (var secret in Phi.Concat(["token-abc123", "s3cret-value", "Albany", "family="]))
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
    }
}
