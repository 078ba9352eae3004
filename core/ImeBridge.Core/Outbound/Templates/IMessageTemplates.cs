namespace ImeBridge.Core.Outbound.Templates;

/// <summary>
/// The local template library: every SMS and email ImeBridge sends is rendered here, so it can be previewed and
/// tested. A template is named (<c>appointment-reminder</c>) per channel (<see cref="OutboundChannels.Sms"/>,
/// <see cref="OutboundChannels.Email"/>) and language; a language without its own version falls back to English.
/// </summary>
public interface IMessageTemplates
{
    /// <param name="language">The recipient's preferred language (BCP 47, e.g. <c>es</c>, <c>es-US</c>); null means English.</param>
    /// <param name="model">The values the template may use; only what the recipient must know.</param>
    RenderedMessage Render(string templateName, string channel, string? language, object model);
}

/// <param name="Subject">The email subject; null for SMS.</param>
/// <param name="Html">The email's HTML part; null for SMS.</param>
/// <param name="Language">The language actually rendered (after falling back).</param>
public sealed record RenderedMessage(string? Subject, string Text, string? Html, string Language);
