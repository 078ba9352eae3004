using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Validation;

/// <summary>
/// The outcome of reading a referral body: the normalized referral when it is valid, otherwise every error found.
/// <see cref="ReferralReader"/> returns a null <see cref="Referral"/> whenever <see cref="Errors"/> is not empty.
/// </summary>
public sealed record ReferralReadResult(Referral? Referral, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Referral is not null && Errors.Count == 0;
}
