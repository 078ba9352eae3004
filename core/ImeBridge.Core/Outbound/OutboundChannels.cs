namespace ImeBridge.Core.Outbound;

/// <summary>The ways a message leaves ImeBridge.</summary>
public static class OutboundChannels
{
    public const string Sms = "sms";
    public const string Email = "email";
    public const string Webhook = "webhook";
    public const string Fhir = "fhir";
}
