using System.Text.Json;
using ImeBridge.Core.Messaging;

namespace ImeBridge.Core.Workflow;

/// <summary>Builds the messages workflow steps emit: in the referral's session, bodies in <see cref="MessageJson"/>.</summary>
public static class WorkflowMessages
{
    /// <param name="stepMessageId">The id of the step that emits it; with <paramref name="type"/> it makes the message id, so a retried step emits nothing twice.</param>
    public static QueueMessage Create<T>(string type, string referralId, string stepMessageId, T body, DateTimeOffset? notBefore = null) =>
        new($"{type}:{stepMessageId}", type, referralId, JsonSerializer.SerializeToUtf8Bytes(body, MessageJson.Options), notBefore);

    public static T Read<T>(ReceivedMessage message)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Deserialize<T>(message.Body.Span, MessageJson.Options)
            ?? throw new InvalidOperationException($"empty {message.Type} body");
    }
}
