namespace ImeBridge.Adapters.Email.Configuration;

/// <summary>Bound from <c>inboundEmail</c>: the SendGrid Inbound Parse endpoint.</summary>
public sealed class InboundEmailOptions
{
    public const string Section = "inboundEmail";

    public const int MinimumSecretLength = 24;

    /// <summary>
    /// The shared secret SendGrid must present (put it in the Inbound Parse destination URL); without one, the
    /// endpoint refuses everything.
    /// </summary>
    public string? Secret { get; set; }
}
