namespace ImeBridge.Core.Outbound.Consent;

/// <summary>
/// The claimant's SMS consent per phone number, as the claimant (or the carrier) last expressed it. Every send checks
/// it; every keyword and opt-out report is kept as history, never deleted, so the state can be proven later.
/// </summary>
public interface ISmsConsentLedger
{
    /// <summary>Appends <paramref name="consentEvent"/> to the number's history; the same source message recorded twice is kept once.</summary>
    Task RecordAsync(string phoneE164, ConsentEvent consentEvent, CancellationToken cancellationToken);

    /// <summary>The latest event's state, or <see cref="SmsConsentStatus.Unknown"/> when nothing was ever recorded.</summary>
    Task<SmsConsentState> GetAsync(string phoneE164, CancellationToken cancellationToken);

    /// <summary>Every event of the number, oldest first.</summary>
    Task<IReadOnlyList<ConsentEvent>> HistoryAsync(string phoneE164, CancellationToken cancellationToken);
}
