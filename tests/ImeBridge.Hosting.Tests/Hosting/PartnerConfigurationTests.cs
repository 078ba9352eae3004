using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ImeBridge.Core.Partners;

namespace ImeBridge.Hosting.Tests.Hosting;

/// <summary>
/// Partner configuration is checked at start-up, with messages naming the partner and the key and never a secret.
/// These hosts choose no storage, so they run as Production: Development would validate the whole service graph at build.
/// </summary>
public sealed class PartnerConfigurationTests
{
    private const string ShortSecret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"; // 24 bytes: the minimum, accepted
    private const string TooShortSecret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhM="; // 20 bytes

    [Fact]
    public void The_test_partners_and_the_demo_partner_are_valid()
    {
        var options = new ImeBridgeOptions { IncludeDemoPartner = true, Partners = [.. TestPartner.All.Select(ToOptions)] };
        options.Partners.Add(new PartnerOptions { Id = "short", Kind = "attorney", WebhookSecret = ShortSecret, ApiToken = "t" });

        Assert.True(new ImeBridgeOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("id", "dup", "insurer", null, "token-2", "partner 'dup': id")]
    [InlineData("kind", "p1", "claimant", null, "token-2", "partner 'p1': kind")]
    [InlineData("secret", "p1", "tpa", TooShortSecret, "token-2", "partner 'p1': webhookSecret")]
    [InlineData("secret", "p1", "tpa", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr", "token-2", "partner 'p1': webhookSecret")]
    [InlineData("secret", "p1", "tpa", "whsec_!!not base64!!", "token-2", "partner 'p1': webhookSecret")]
    [InlineData("token", "p1", "tpa", null, "", "partner 'p1': apiToken")]
    [InlineData("token", "p1", "tpa", null, "token-1", "partner 'p1': apiToken")]
    public void A_bad_partner_is_refused_naming_the_partner_and_the_key(string what, string id, string kind, string? secret, string token, string expected)
    {
        var good = new PartnerOptions { Id = "dup", Kind = "insurer", WebhookSecret = TestPartner.Acme.WebhookSecret, ApiToken = "token-1" };
        var bad = new PartnerOptions { Id = id, Kind = kind, WebhookSecret = secret ?? TestPartner.Globex.WebhookSecret, ApiToken = token };

        var result = new ImeBridgeOptionsValidator().Validate(null, new ImeBridgeOptions { Partners = [good, bad] });

        Assert.True(result.Failed, what);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(bad.WebhookSecret, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(good.WebhookSecret, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("token-1", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partner_may_not_take_the_demo_partners_id_when_the_demo_partner_is_on()
    {
        var options = new ImeBridgeOptions
        {
            IncludeDemoPartner = true,
            Partners = [new PartnerOptions { Id = DemoPartner.Id, Kind = "insurer", WebhookSecret = TestPartner.Acme.WebhookSecret, ApiToken = "x" }],
        };

        Assert.Contains("partner 'demo': id", Assert.Single(new ImeBridgeOptionsValidator().Validate(null, options).Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_does_not_start_with_a_bad_partner()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["partners:0:id"] = "acme",
            ["partners:0:kind"] = "insurer",
            ["partners:0:webhookSecret"] = TooShortSecret,
            ["partners:0:apiToken"] = "acme-token",
        });
        builder.AddImeBridge();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("partner 'acme': webhookSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TooShortSecret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_keys_bind_and_the_directory_finds_partners_by_id_and_token()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(TestPartner.Configuration(1234));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["includeDemoPartner"] = "true" });
        builder.AddImeBridge();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ImeBridgeOptions>>().Value;
        var directory = host.Services.GetRequiredService<IPartnerDirectory>();

        Assert.Equal(1234, options.MaxBodyBytes);
        Assert.True(options.IncludeDemoPartner);
        Assert.Equal(new Partner(TestPartner.Acme.Id, "insurer", TestPartner.Acme.Name, TestPartner.Acme.WebhookSecret, TestPartner.Acme.ApiToken), directory.Find(TestPartner.Acme.Id));
        Assert.Equal(TestPartner.Globex.Id, directory.FindByApiToken(TestPartner.Globex.ApiToken)?.Id);
        Assert.Equal(DemoPartner.Create(), directory.Find(DemoPartner.Id));
        Assert.Equal(DemoPartner.Id, directory.FindByApiToken(DemoPartner.ApiToken)?.Id);
        Assert.Null(directory.Find("nobody"));
        Assert.Null(directory.FindByApiToken("nobody"));
        Assert.Null(directory.FindByApiToken(""));
    }

    [Fact]
    public void Defaults_are_one_MiB_and_no_demo_partner()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.AddImeBridge();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ImeBridgeOptions>>().Value;

        Assert.Equal(1024 * 1024, options.MaxBodyBytes);
        Assert.False(options.IncludeDemoPartner);
        Assert.Null(host.Services.GetRequiredService<IPartnerDirectory>().Find(DemoPartner.Id));
    }

    private static PartnerOptions ToOptions(TestPartner partner) => new()
    {
        Id = partner.Id,
        Kind = partner.Kind,
        Name = partner.Name,
        WebhookSecret = partner.WebhookSecret,
        ApiToken = partner.ApiToken,
    };
}
