using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImeBridge.Core.Model;

/// <summary>Reads a question as either "text" or {"id": ..., "text": ...}; always writes the object form.</summary>
public sealed class ExamQuestionJsonConverter : JsonConverter<ExamQuestion>
{
    public override ExamQuestion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new ExamQuestion { Text = reader.GetString() ?? "" };
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a question is a string or an object with 'text'");
        }

        var question = new ExamQuestion();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "id":
                    question.Id = reader.TokenType == JsonTokenType.Null ? null : ReadString(ref reader, name);
                    break;
                case "text":
                    question.Text = ReadString(ref reader, name);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return question;
    }

    public override void Write(Utf8JsonWriter writer, ExamQuestion value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.Id is not null)
        {
            writer.WriteString("id", value.Id);
        }

        writer.WriteString("text", value.Text);
        writer.WriteEndObject();
    }

    private static string ReadString(ref Utf8JsonReader reader, string name) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString() ?? ""
            : throw new JsonException($"a question's '{name}' must be a string");
}
