using System.Text.Json;

namespace ImeBridge.Core.Messaging;

/// <summary>Serializer settings for message bodies on the queue.</summary>
public static class MessageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
