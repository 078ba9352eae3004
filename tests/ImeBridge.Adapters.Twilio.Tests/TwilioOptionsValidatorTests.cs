namespace ImeBridge.Adapters.Twilio.Tests;

public sealed class TwilioOptionsValidatorTests
{
    private const string Secret = "s3cr3t-auth-token-value";

    [Fact]
    public void Without_an_account_SID_nothing_is_required()
    {
        Assert.True(new TwilioOptionsValidator().Validate(null, new TwilioOptions()).Succeeded);
    }

    [Fact]
    public void Each_problem_names_its_key_and_never_a_value()
    {
        var options = new TwilioOptions { AccountSid = "XX" + Secret, FromNumber = "555-0100", PublicBaseUrl = "not a url", ApiBaseUrl = "ftp://" + Secret };

        var result = new TwilioOptionsValidator().Validate(null, options);

        Assert.False(result.Succeeded);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("twilio:accountSid", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("twilio:authToken", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("twilio:fromNumber", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("twilio:publicBaseUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("twilio:apiBaseUrl", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains(Secret, StringComparison.Ordinal) || f.Contains("555-0100", StringComparison.Ordinal));
    }

    [Fact]
    public void Sender_number_and_messaging_service_are_exclusive()
    {
        var options = new TwilioOptions { AccountSid = "AC1", AuthToken = Secret, FromNumber = "+15005550006", MessagingServiceSid = "MG1", PublicBaseUrl = "https://x.example" };

        var failure = Assert.Single(new TwilioOptionsValidator().Validate(null, options).Failures!);

        Assert.Contains("twilio:messagingServiceSid", failure, StringComparison.Ordinal);
    }
}
