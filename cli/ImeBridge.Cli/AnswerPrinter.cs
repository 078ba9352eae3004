using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImeBridge.Cli;

/// <summary>Prints an HTTP answer: the status line, the Location header, and the body (JSON indented).</summary>
internal static class AnswerPrinter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Print(TextWriter output, ApiAnswer answer)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)answer.Status} {answer.ReasonPhrase ?? answer.Status.ToString()}"));
        if (answer.Location is not null)
        {
            output.WriteLine("Location: " + answer.Location);
        }

        if (answer.Body.Length > 0)
        {
            output.WriteLine(Pretty(answer.Body));
        }
    }

    /// <summary>The string value of a top-level property of a JSON body, when there is one.</summary>
    public static string? TopLevelString(string body, string property)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject json && json[property] is JsonValue value && value.TryGetValue<string>(out var text)
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Pretty(string body)
    {
        try
        {
            var json = JsonNode.Parse(body);
            return json is null ? body : json.ToJsonString(Indented);
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
