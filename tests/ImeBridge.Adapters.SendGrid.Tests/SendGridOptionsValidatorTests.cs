namespace ImeBridge.Adapters.SendGrid.Tests;

/// <summary>Start-up validation names the wrong key and never quotes a secret.</summary>
public sealed class SendGridOptionsValidatorTests
{
    private const string Secret = "SG.super-secret-value";

    [Fact]
    public void No_settings_at_all_is_valid_the_outbox_is_used()
    {
        Assert.True(new SendGridOptionsValidator().Validate(null, new SendGridOptions()).Succeeded);
    }

    [Fact]
    public void A_key_without_a_sender_address_names_fromEmail_and_not_the_key()
    {
        var result = new SendGridOptionsValidator().Validate(null, new SendGridOptions { ApiKey = Secret });

        Assert.True(result.Failed);
        Assert.Contains("sendgrid:fromEmail", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_base_url_and_a_bad_public_key_are_named()
    {
        var result = new SendGridOptionsValidator().Validate(null, new SendGridOptions
        {
            ApiKey = Secret,
            FromEmail = "notices@imebridge.example",
            ApiBaseUrl = "api.sendgrid.com",
            EventWebhookPublicKey = "bm90IGEga2V5",
        });

        Assert.Contains("sendgrid:apiBaseUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("sendgrid:eventWebhookPublicKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("bm90IGEga2V5", result.FailureMessage, StringComparison.Ordinal);
    }
}
