using System.Text;
using System.Text.Json;
using ImeBridge.Core.Batch;

namespace ImeBridge.Adapters.Sftp;

/// <summary>
/// The acks of a file that could not be read at all: the same columns and shape as <see cref="BatchAckFiles"/>,
/// with one <c>refused</c> line carrying the reason in place of rows (the reason never quotes the file's content).
/// </summary>
internal static class FileRefusalAck
{
    public const string Status = "refused";

    public static async Task WriteAsync(BatchFile file, string reason, string csvPath, string jsonPath, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder()
            .Append("row,externalId,status,referralId,errors\r\n")
            .Append(",,").Append(Status).Append(",,").Append(Quote("file: " + reason)).Append("\r\n");
        await File.WriteAllTextAsync(csvPath, csv.ToString(), new UTF8Encoding(false), cancellationToken);

        await using var stream = LocalWorkFiles.Create(jsonPath);
        await using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("file", file.FileName);
        json.WriteString("sha256", file.Sha256);
        json.WriteString("status", Status);
        json.WriteStartArray("errors");
        json.WriteStartObject();
        json.WriteString("path", "file");
        json.WriteString("reason", reason);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("rows");
        json.WriteEndArray();
        json.WriteBoolean("complete", false);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
