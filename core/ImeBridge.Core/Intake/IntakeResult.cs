using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Intake;

public abstract record IntakeResult;

/// <summary>The referral is stored durably. <paramref name="Duplicate"/>: it had been stored before and nothing new was written.</summary>
public sealed record IntakeAccepted(string ReferralId, string Status, bool Duplicate) : IntakeResult;

/// <summary>The input was refused; its bytes are kept under <paramref name="RejectionId"/> for an operator to fix and replay.</summary>
public sealed record IntakeRejected(string RejectionId, IReadOnlyList<FieldError> Errors) : IntakeResult;
