using System.Text.Json;
using CsvHelper;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Batch;

/// <summary>
/// Writes the two acknowledgement files of a batch as rows come in, so memory stays flat whatever the file's size:
/// <c>&lt;file&gt;.ack.csv</c> (row, externalId, status, referralId, errors) for people and spreadsheets, with any
/// value a spreadsheet would run as a formula neutralised; and <c>&lt;file&gt;.ack.json</c> (file, sha256, rows,
/// then summary) with every value exact. Closes both streams when disposed unless told to leave them open.
/// </summary>
public sealed class BatchAckFiles : IBatchAckWriter
{
    private const int FlushBytes = 32 * 1024;

    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    private readonly CsvWriter csv;
    private readonly Stream csvStream;
    private readonly Stream jsonStream;
    private readonly Utf8JsonWriter json;
    private readonly bool leaveOpen;
    private bool completed;
    private bool disposed;

    public BatchAckFiles(BatchFile file, Stream csvAck, Stream jsonAck, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(csvAck);
        ArgumentNullException.ThrowIfNull(jsonAck);
        this.leaveOpen = leaveOpen;
        csv = CsvWriter.Create(csvAck, CsvOptions, leaveOpen: true);
        csvStream = csvAck;
        jsonStream = jsonAck;
        json = new Utf8JsonWriter(jsonAck);
        csv.WriteHeader(["row", "externalId", "status", "referralId", "errors"]);
        json.WriteStartObject();
        json.WriteString("file", file.FileName);
        json.WriteString("sha256", file.Sha256);
        json.WriteStartArray("rows");
    }

    public static string AckCsvName(string fileName) => Path.GetFileName(fileName) + ".ack.csv";

    public static string AckJsonName(string fileName) => Path.GetFileName(fileName) + ".ack.json";

    /// <summary>accepted, duplicate or rejected.</summary>
    public static string StatusOf(BatchRowOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.RejectionId is not null ? "rejected" : outcome.Duplicate ? "duplicate" : "accepted";
    }

    public async ValueTask WriteAsync(BatchRowOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var status = StatusOf(outcome);
        csv.WriteField(outcome.Row, default);
        csv.WriteField(outcome.ExternalId);
        csv.WriteField(status);
        csv.WriteField(outcome.ReferralId);
        csv.WriteField(string.Join("; ", outcome.Errors.Select(e => $"{e.Path}: {e.Reason}")));
        await csv.EndRecordAsync(cancellationToken);

        json.WriteStartObject();
        json.WriteNumber("row", outcome.Row);
        WriteStringIfAny("externalId", outcome.ExternalId);
        json.WriteString("status", status);
        WriteStringIfAny("referralId", outcome.ReferralId);
        WriteStringIfAny("rejectionId", outcome.RejectionId);
        if (outcome.Errors.Count > 0)
        {
            WriteErrors(outcome.Errors);
        }

        json.WriteEndObject();
        if (json.BytesPending >= FlushBytes)
        {
            await json.FlushAsync(cancellationToken);
        }
    }

    public async ValueTask CompleteAsync(BatchSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteNumber("records", summary.Records);
        json.WriteNumber("accepted", summary.Accepted);
        json.WriteNumber("duplicates", summary.Duplicates);
        json.WriteNumber("rejected", summary.Rejected);
        json.WriteEndObject();
        json.WriteBoolean("complete", true);
        json.WriteEndObject();
        completed = true;
        await json.FlushAsync(cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>Flushes what was written; an ack never completed ends with <c>"complete": false</c> and no summary.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!completed)
        {
            json.WriteEndArray();
            json.WriteBoolean("complete", false);
            json.WriteEndObject();
        }

        await json.FlushAsync();
        await json.DisposeAsync();
        await csv.DisposeAsync();
        if (!leaveOpen)
        {
            await jsonStream.DisposeAsync();
            await csvStream.DisposeAsync();
        }
    }

    private void WriteStringIfAny(string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private void WriteErrors(IReadOnlyList<FieldError> errors)
    {
        json.WriteStartArray("errors");
        foreach (var error in errors)
        {
            json.WriteStartObject();
            json.WriteString("path", error.Path);
            json.WriteString("reason", error.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
