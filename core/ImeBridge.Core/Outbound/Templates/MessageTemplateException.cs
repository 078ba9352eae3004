namespace ImeBridge.Core.Outbound.Templates;

/// <summary>
/// A template is missing, broken, or used a value the model does not have. The message names the template and the
/// problem — never a model value, since models carry claimant details.
/// </summary>
public sealed class MessageTemplateException : Exception
{
    public MessageTemplateException()
    {
    }

    public MessageTemplateException(string message)
        : base(message)
    {
    }

    public MessageTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MessageTemplateException(string templateName, string channel, string message)
        : base($"{channel} template '{templateName}': {message}")
    {
        TemplateName = templateName;
        Channel = channel;
    }

    public string? TemplateName { get; }
    public string? Channel { get; }
}
