using System.Security.Cryptography;
using System.Text;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Email.Intake;

/// <summary>
/// An email an operator must look at (no recognisable referral, unknown sender, failed SPF/DKIM, FHIR for now):
/// recorded on the rejections list with the raw .eml as its original and every reason, so it can be fixed and
/// replayed. The rejection id is derived from the message, so a retried handler records it once even when the
/// sender is not a partner.
/// </summary>
public sealed class EmailTriage(IReferralStore store, TimeProvider time)
{
    /// <summary>Records the triage entry (once per message) and returns its rejection id.</summary>
    internal async Task<string> RecordAsync(EmailReceived email, string? partnerId, ReadOnlyMemory<byte> rawMessage, IReadOnlyList<FieldError> reasons, CancellationToken cancellationToken)
    {
        var original = IntakeOriginal.From(rawMessage, EmailChannels.MessageContentType);
        var rejection = new RejectedIntake(
            RejectionId: RejectionIdFor(email.Sha256),
            At: time.GetUtcNow(),
            Channel: EmailChannels.Channel,
            PartnerId: partnerId,
            DeliveryId: email.EmailId,
            Original: original.Reference,
            Errors: reasons);
        return await store.RecordRejectionAsync(rejection, original, cancellationToken);
    }

    /// <summary><c>rej_</c> + 32 hex digits, like every rejection id, but the same for the same message.</summary>
    public static string RejectionIdFor(string emailSha256) =>
        "rej_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("email-triage:" + emailSha256)))[..32];
}
