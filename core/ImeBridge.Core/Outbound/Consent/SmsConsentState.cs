namespace ImeBridge.Core.Outbound.Consent;

/// <summary>Where one number's consent stands, and since when (null when <see cref="SmsConsentStatus.Unknown"/>).</summary>
public sealed record SmsConsentState(SmsConsentStatus Status, DateTimeOffset? Since)
{
    public static SmsConsentState Unknown { get; } = new(SmsConsentStatus.Unknown, null);

    /// <summary>Only an explicit opt-out stops a send; a referral's own consent flag covers the unknown case.</summary>
    public bool OptedOut => Status == SmsConsentStatus.OptedOut;
}

public enum SmsConsentStatus
{
    Unknown,
    OptedIn,
    OptedOut,
}
