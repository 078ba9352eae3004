using System.Security.Cryptography;
using System.Text;
using ImeBridge.Adapters.Email.Configuration;
using ImeBridge.Adapters.Email.Intake;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Email.SendGrid;

/// <summary>
/// What the SendGrid Inbound Parse endpoint does once the HTTP layer has read the multipart/form-data post: check the
/// shared secret (constant time), take the raw MIME message (the <c>email</c> field, present when "POST the raw,
/// full MIME message" is ticked) and SendGrid's <c>SPF</c> / <c>dkim</c> verdicts, and hand them to
/// <see cref="InboundEmailIntake"/>. The endpoint maps <see cref="SendGridParseStatus"/> to 200 / 401 / 400 / 404.
/// </summary>
public sealed class SendGridInboundParse(IOptions<InboundEmailOptions> options, InboundEmailIntake intake, ILogger<SendGridInboundParse> logger)
{
    public const string RawMessageField = "email";
    public const string SpfField = "SPF";
    public const string DkimField = "dkim";

    public const string MissingRawMessageProblem =
        "The post has no 'email' field with the raw message: configure the SendGrid Inbound Parse setting to \"POST the raw, full MIME message\".";

    /// <param name="providedSecret">The secret the request presented (the endpoint takes it from its URL).</param>
    /// <param name="fields">The post's text fields by name (SendGrid's <c>SPF</c>, <c>dkim</c>, <c>from</c>, <c>to</c>, <c>envelope</c>, <c>email</c> …).</param>
    /// <param name="rawMime">The <c>email</c> field's bytes exactly as posted, when the endpoint can read them as bytes; preferred over
    /// the decoded text field, which cannot carry 8-bit content faithfully.</param>
    public async Task<SendGridParseOutcome> AcceptAsync(
        string? providedSecret,
        IReadOnlyDictionary<string, string> fields,
        ReadOnlyMemory<byte>? rawMime,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var secret = options.Value.Secret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            logger.LogWarning("SendGrid Inbound Parse post refused: inboundEmail.secret is not configured");
            return new SendGridParseOutcome(SendGridParseStatus.NotConfigured, Problem: "Inbound email is not configured.");
        }

        if (!SecretMatches(secret, providedSecret))
        {
            logger.LogWarning("SendGrid Inbound Parse post refused: {Reason}", string.IsNullOrEmpty(providedSecret) ? "no secret" : "wrong secret");
            return new SendGridParseOutcome(SendGridParseStatus.Unauthorized, Problem: "The secret is missing or wrong.");
        }

        var raw = rawMime is { IsEmpty: false } bytes ? bytes : RawFromField(fields);
        if (raw.IsEmpty)
        {
            logger.LogWarning("SendGrid Inbound Parse post refused: no raw message ({FieldCount} fields posted)", fields.Count);
            return new SendGridParseOutcome(SendGridParseStatus.MissingRawMessage, Problem: MissingRawMessageProblem);
        }

        var authentication = InboundAuthentication.FromSendGrid(Field(fields, SpfField), Field(fields, DkimField));
        var receipt = await intake.ReceiveAsync(raw, authentication, EmailChannels.SendGrid, cancellationToken);
        return new SendGridParseOutcome(SendGridParseStatus.Accepted, receipt.EmailId);
    }

    /// <summary>Hashing both sides first makes the comparison constant-time whatever the lengths.</summary>
    private static bool SecretMatches(string expected, string? provided) =>
        provided is not null
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected.Trim())),
            SHA256.HashData(Encoding.UTF8.GetBytes(provided.Trim())));

    private static ReadOnlyMemory<byte> RawFromField(IReadOnlyDictionary<string, string> fields) =>
        Field(fields, RawMessageField) is { Length: > 0 } text ? Encoding.UTF8.GetBytes(text) : ReadOnlyMemory<byte>.Empty;

    /// <summary>Field names as SendGrid spells them, tolerating another case (a proxy may lower-case them).</summary>
    private static string? Field(IReadOnlyDictionary<string, string> fields, string name)
    {
        if (fields.TryGetValue(name, out var value))
        {
            return value;
        }

        return fields.FirstOrDefault(f => f.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
