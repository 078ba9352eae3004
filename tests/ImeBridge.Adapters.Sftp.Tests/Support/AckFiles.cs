using System.Text.Json;

namespace ImeBridge.Adapters.Sftp.Tests.Support;

/// <summary>The two ack files a poll uploaded for one batch file, read back from the ack folder.</summary>
internal sealed class AckFiles
{
    private AckFiles(string csv, JsonElement json)
    {
        Csv = csv;
        Json = json;
    }

    public string Csv { get; }

    public JsonElement Json { get; }

    public string[] CsvLines => Csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<JsonElement> Rows => [.. Json.GetProperty("rows").EnumerateArray()];

    public JsonElement Row(long row) => Rows.Single(r => r.GetProperty("row").GetInt64() == row);

    public static AckFiles Read(string ackFolder, string fileName)
    {
        var csv = File.ReadAllText(Path.Combine(ackFolder, fileName + ".ack.csv"));
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ackFolder, fileName + ".ack.json")));
        return new AckFiles(csv, document.RootElement.Clone());
    }
}
