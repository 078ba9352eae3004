using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Email.Configuration;

/// <summary>Refuses a guessable SendGrid secret. Never quotes it.</summary>
public sealed class InboundEmailOptionsValidator : IValidateOptions<InboundEmailOptions>
{
    public ValidateOptionsResult Validate(string? name, InboundEmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Secret is not null && options.Secret.Trim().Length < InboundEmailOptions.MinimumSecretLength)
        {
            return ValidateOptionsResult.Fail(
                $"inboundEmail.secret must be at least {InboundEmailOptions.MinimumSecretLength} characters: a random string that SendGrid presents in the Inbound Parse destination URL.");
        }

        return ValidateOptionsResult.Success;
    }
}
