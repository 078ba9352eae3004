using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using ImeBridge.Adapters.Fhir.Server;
using ImeBridge.Testing;
using WireMock.RequestBuilders;
using static ImeBridge.Adapters.Fhir.Tests.Server.FhirServerHarness;

namespace ImeBridge.Adapters.Fhir.Tests.Server;

public sealed class FhirServerTokenTests
{
    [Fact]
    public async Task Client_secret_token_is_requested_once_with_basic_auth_and_reused_for_three_reads()
    {
        using var harness = WithClientSecret();
        harness.ServeToken("token-1");
        harness.Serve("Patient/1", PatientJson());

        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await harness.Client.ReadAsync("Patient/1", CancellationToken.None));
        }

        var tokenRequest = Assert.Single(harness.Requests("/oauth/token"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("imebridge:s3cret-value")), Header(tokenRequest, "Authorization"));
        var form = HttpUtility.ParseQueryString(Body(tokenRequest));
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("system/ServiceRequest.rs system/Task.cu", form["scope"]);
        Assert.Null(form["client_assertion"]);

        var reads = harness.Requests("/r4/Patient/1");
        Assert.Equal(3, reads.Count);
        Assert.All(reads, read => Assert.Equal("Bearer token-1", Header(read, "Authorization")));
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("ES384")]
    public async Task Private_key_jwt_assertion_is_signed_with_the_partner_key_and_carries_the_smart_claims(string algorithm)
    {
        using var folder = new TempDirectory();
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var keyFile = folder.File("client-key.pem");
        await File.WriteAllTextAsync(keyFile, algorithm == "RS384" ? rsa.ExportPkcs8PrivateKeyPem() : ec.ExportECPrivateKeyPem());
        using var harness = Start((options, h) => options.Auth = new FhirServerAuthOptions
        {
            TokenUrl = h.TokenUrl,
            ClientId = "imebridge-client",
            PrivateKeyFile = keyFile,
            KeyId = "key-2026",
            Scope = "system/Task.cu",
        });
        harness.ServeToken();
        harness.Serve("Patient/1", PatientJson());

        Assert.NotNull(await harness.Client.ReadAsync("Patient/1", CancellationToken.None));

        var tokenRequest = Assert.Single(harness.Requests("/oauth/token"));
        Assert.Empty(Header(tokenRequest, "Authorization"));
        var form = HttpUtility.ParseQueryString(Body(tokenRequest));
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        var parts = form["client_assertion"]!.Split('.');
        Assert.Equal(3, parts.Length);

        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal(algorithm, header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("key-2026", header.RootElement.GetProperty("kid").GetString());
        Assert.Equal("JWT", header.RootElement.GetProperty("typ").GetString());

        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("imebridge-client", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("imebridge-client", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal(harness.TokenUrl.AbsoluteUri, claims.RootElement.GetProperty("aud").GetString());
        var expiresIn = claims.RootElement.GetProperty("exp").GetInt64() - harness.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.InRange(expiresIn, 1, 300);
        Assert.True(claims.RootElement.GetProperty("jti").GetString()!.Length >= 16);

        var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        var signature = Base64Url.DecodeFromChars(parts[2]);
        var valid = algorithm == "RS384"
            ? rsa.VerifyData(signed, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1)
            : ec.VerifyData(signed, signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        Assert.True(valid);
    }

    [Fact]
    public async Task Concurrent_reads_share_one_token_request()
    {
        using var harness = WithClientSecret();
        harness.Mock.Given(Request.Create().WithPath("/oauth/token").UsingPost())
            .RespondWith(TokenAnswer("token-1", 3600).WithDelay(TimeSpan.FromMilliseconds(300)));
        harness.Serve("Patient/1", PatientJson());

        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => harness.Client.ReadAsync("Patient/1", CancellationToken.None)));

        Assert.All(reads, Assert.NotNull);
        Assert.Single(harness.Requests("/oauth/token"));
    }

    [Fact]
    public async Task Token_is_refreshed_once_it_is_within_a_minute_of_expiry()
    {
        using var harness = WithClientSecret();
        harness.Sequence("/oauth/token", "POST", TokenAnswer("token-1", 300), TokenAnswer("token-2", 300));
        harness.Serve("Patient/1", PatientJson());

        await harness.Client.ReadAsync("Patient/1", CancellationToken.None);
        harness.Clock.Advance(TimeSpan.FromSeconds(239));
        await harness.Client.ReadAsync("Patient/1", CancellationToken.None);
        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        await harness.Client.ReadAsync("Patient/1", CancellationToken.None);

        Assert.Equal(2, harness.Requests("/oauth/token").Count);
        Assert.Equal(
            ["Bearer token-1", "Bearer token-1", "Bearer token-2"],
            harness.Requests("/r4/Patient/1").Select(r => Header(r, "Authorization")));
    }

    [Fact]
    public async Task Refused_client_credentials_fail_without_retry_and_without_the_description()
    {
        using var harness = WithClientSecret();
        harness.Mock.Given(Request.Create().WithPath("/oauth/token").UsingPost())
            .RespondWith(Status(401).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":"invalid_client","error_description":"client imebridge with secret s3cret-value unknown"}"""));

        var failure = await Assert.ThrowsAsync<FhirServerException>(() => harness.Client.ReadAsync("Patient/1", CancellationToken.None));

        Assert.Equal(401, failure.StatusCode);
        Assert.False(failure.IsTransient);
        Assert.Equal("invalid_client", failure.OAuthError);
        Assert.Contains("token endpoint refused the client credentials", failure.Message);
        Assert.DoesNotContain("s3cret", failure.ToString());
        Assert.Single(harness.Requests("/oauth/token"));
        Assert.Empty(harness.Requests("/r4/Patient/1"));
    }

    private static WireMock.ResponseBuilders.IResponseBuilder TokenAnswer(string token, int expiresIn) =>
        Status(200).WithHeader("Content-Type", "application/json")
            .WithBody($$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":{{expiresIn}}}""");
}
