using ImeBridge.Adapters.Fhir.Server;
using ImeBridge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Fhir.Tests.Server;

public sealed class FhirServerOptionsTests
{
    private const string Key = "partners[0].fhir.server";

    [Fact]
    public void Sensible_settings_have_no_errors()
    {
        var options = new FhirServerOptions
        {
            BaseUrl = new Uri("https://fhir.partner.example/r4/"),
            Auth = new FhirServerAuthOptions
            {
                TokenUrl = new Uri("https://auth.partner.example/oauth2/token"),
                ClientId = "imebridge",
                ClientSecret = "s3cret-value",
                Scope = "system/ServiceRequest.rs system/Task.cu",
            },
        };

        Assert.Empty(FhirServerOptionsValidator.Validate(options, Key));
        Assert.Empty(FhirServerOptionsValidator.Validate(new FhirServerOptions { BaseUrl = new Uri("http://127.0.0.1:8080/fhir") }, Key));
    }

    [Fact]
    public void Each_error_names_its_key_and_never_the_secret()
    {
        using var folder = new TempDirectory();
        var options = new FhirServerOptions
        {
            BaseUrl = new Uri("http://fhir.partner.example/r4/?tenant=1"),
            MaxAttempts = 0,
            Auth = new FhirServerAuthOptions
            {
                TokenUrl = new Uri("http://auth.partner.example/token"),
                ClientSecret = "s3cret-value",
                PrivateKeyFile = folder.File("missing.pem"),
            },
        };

        var errors = FhirServerOptionsValidator.Validate(options, Key);

        Assert.Contains($"{Key}.baseUrl must use https (http only on a loopback host)", errors);
        Assert.Contains($"{Key}.baseUrl must not have a query or a fragment", errors);
        Assert.Contains($"{Key}.maxAttempts must be between 1 and 10", errors);
        Assert.Contains($"{Key}.auth.tokenUrl must use https (http only on a loopback host)", errors);
        Assert.Contains($"{Key}.auth.clientId is required", errors);
        Assert.Contains(errors, e => e.StartsWith($"{Key}.auth needs exactly one of clientSecret", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"{Key}.auth.keyId is required", StringComparison.Ordinal));
        Assert.Contains($"{Key}.auth.privateKeyFile does not name an existing file", errors);
        Assert.DoesNotContain(errors, e => e.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void Wrong_settings_stop_the_registry_with_every_error()
    {
        var services = new ServiceCollection();
        services.AddImeBridgeFhirServerClients();
        services.Configure<FhirServerClientsOptions>(o => o.Servers["acme"] = new FhirServerOptions());
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<FhirServerClients>().For("acme"));

        Assert.Contains("partners[acme].fhir.server.baseUrl is required: the partner's FHIR R4 base URL", failure.Message);
    }

    [Fact]
    public void A_partner_without_a_FHIR_server_has_no_client()
    {
        var services = new ServiceCollection();
        services.AddImeBridgeFhirServerClients();
        using var provider = services.BuildServiceProvider();

        Assert.Null(provider.GetRequiredService<FhirServerClients>().For("nobody"));
    }
}
