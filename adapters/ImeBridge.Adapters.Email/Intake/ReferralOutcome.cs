using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Email.Intake;

/// <summary>What became of one referral source of an email: stored as a referral, or refused with reasons.</summary>
/// <param name="Source">What it was, in the sender's terms ("the referral in the message text", "row 3 of claims.csv").</param>
internal sealed record ReferralOutcome(string Source, string? ReferralId, string? RejectionId, IReadOnlyList<FieldError> Errors)
{
    public bool Accepted => ReferralId is not null;
}
