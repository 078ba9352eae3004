namespace ImeBridge.Adapters.Email.Intake;

/// <summary>The ways an email reaches ImeBridge, and the channel name referrals made from it carry.</summary>
public static class EmailChannels
{
    public const string Channel = "email";
    public const string SendGrid = "sendgrid";
    public const string Imap = "imap";

    public const string MessageContentType = "message/rfc822";

    public static bool IsKnownVia(string via) => via is SendGrid or Imap;
}
