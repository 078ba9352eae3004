namespace ImeBridge.Adapters.Email.Intake;

/// <summary>An email is kept and queued. <paramref name="EmailId"/> (<c>email:{sha256}</c>) names it in logs, the queue and acks.</summary>
public sealed record EmailReceipt(string EmailId, string Sha256);
