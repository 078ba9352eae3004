using System.Text.Json.Serialization;

namespace ImeBridge.Adapters.Email.Intake;

/// <summary>
/// Body of the <see cref="MessageType"/> queue message: an email is kept (raw bytes in the document store) and waits
/// for <see cref="EmailReceivedHandler"/>. Ids and verdicts only: messages carry no PHI.
/// </summary>
/// <param name="Sha256">SHA-256 of the raw message, lower-case hex: where the document store keeps it.</param>
/// <param name="Via"><c>sendgrid</c> or <c>imap</c>.</param>
public sealed record EmailReceived(
    string Sha256,
    long Size,
    string Via,
    AuthenticationResult Spf,
    AuthenticationResult Dkim,
    DateTimeOffset ReceivedAt)
{
    public const string MessageType = nameof(EmailReceived);

    /// <summary>The queue message id, and the delivery id of the referral made from it: <c>email:{sha256}</c>.</summary>
    [JsonIgnore]
    public string EmailId => IdFor(Sha256);

    [JsonIgnore]
    public InboundAuthentication Authentication => new(Spf, Dkim);

    public static string IdFor(string sha256) => "email:" + sha256;
}
