namespace ImeBridge.Core.Validation;

/// <summary>
/// What ImeBridge knows about a referral before reading it: the channel it arrived on and the partner it was
/// sent for (from the URL, the SFTP account or the mailbox), plus the partner's kind and name, which fill
/// <c>referrer.kind</c> and <c>referrer.organization</c> when the body leaves them out.
/// </summary>
public sealed record ReferralDefaults(string Channel, string PartnerId, string? ReferrerKind = null, string? ReferrerOrganization = null);
