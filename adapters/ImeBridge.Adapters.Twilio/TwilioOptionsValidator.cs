using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Twilio;

/// <summary>Start-up checks of <see cref="TwilioOptions"/>; each message names the key, never its value.</summary>
public sealed class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SendsSms)
        {
            if (!options.AccountSid!.StartsWith("AC", StringComparison.Ordinal))
            {
                failures.Add("twilio:accountSid must be a Twilio account SID (it starts with AC).");
            }

            if (string.IsNullOrWhiteSpace(options.AuthToken))
            {
                failures.Add("twilio:authToken is required when twilio:accountSid is set.");
            }

            if (string.IsNullOrWhiteSpace(options.FromNumber) == string.IsNullOrWhiteSpace(options.MessagingServiceSid))
            {
                failures.Add("Give exactly one of twilio:fromNumber and twilio:messagingServiceSid.");
            }
            else if (!string.IsNullOrWhiteSpace(options.FromNumber) && !IsE164(options.FromNumber))
            {
                failures.Add("twilio:fromNumber must be an E.164 number (+ and 8 to 15 digits).");
            }

            if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
            {
                failures.Add("twilio:publicBaseUrl is required when twilio:accountSid is set (Twilio reports delivery status there).");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl) && !IsHttpUrl(options.PublicBaseUrl))
        {
            failures.Add("twilio:publicBaseUrl must be an absolute http(s) URL.");
        }

        if (!IsHttpUrl(options.ApiBaseUrl))
        {
            failures.Add("twilio:apiBaseUrl must be an absolute http(s) URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsE164(string value) =>
        value.Length is >= 9 and <= 16 && value[0] == '+' && value[1] != '0' && value[1..].All(char.IsAsciiDigit);
}
