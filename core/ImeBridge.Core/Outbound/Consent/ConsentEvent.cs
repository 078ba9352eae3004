namespace ImeBridge.Core.Outbound.Consent;

/// <summary>One expression of consent: a keyword the claimant texted, or the provider reporting the number opted out.</summary>
/// <param name="Kind">Opt-in or opt-out.</param>
/// <param name="Keyword">What was said, normalized (<c>STOP</c>, <c>START</c>), or the provider's reason (<c>twilio:21610</c>).</param>
/// <param name="At">When it was received.</param>
/// <param name="SourceMessageId">The provider's id of the message that carried it (Twilio's MessageSid), for proof.</param>
public sealed record ConsentEvent(ConsentKind Kind, string Keyword, DateTimeOffset At, string? SourceMessageId);

/// <summary>What a <see cref="ConsentEvent"/> does to the number's consent.</summary>
public enum ConsentKind
{
    OptIn,
    OptOut,
}
