using System.Globalization;
using System.Runtime.CompilerServices;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Ports;

namespace ImeBridge.Cli;

/// <summary>
/// The records of batch files as the SFTP channel reads them: CSV (canonical header, or the partner's declared
/// layout) and JSON Lines, chosen by file extension (anything not JSON Lines is read as CSV).
/// </summary>
internal static class BatchNormalizeInputs
{
    public static async IAsyncEnumerable<NormalizeInput> ReadAsync(
        string file,
        CsvLayout? layout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var format = BatchFormats.FromFileName(file) ?? BatchFormat.Csv;
        await using var content = InputFiles.OpenRead(file);
        await foreach (var input in ReadAsync(file, content, format, layout, cancellationToken))
        {
            yield return input;
        }
    }

    /// <summary>The records of <paramref name="content"/>, labelled <c>LABEL:ROW</c>; a file that cannot be read at all is one refusal labelled <c>LABEL</c>.</summary>
    public static async IAsyncEnumerable<NormalizeInput> ReadAsync(
        string file,
        Stream content,
        BatchFormat format,
        CsvLayout? layout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var records = BatchRecords.ReadAsync(content, format, layout, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            NormalizeInput? refused = null;
            try
            {
                if (!await records.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (BatchFileException unreadable)
            {
                refused = NormalizeInput.Refused(file, [new FieldError("$", unreadable.Message)]);
            }

            if (refused is not null)
            {
                yield return refused;
                yield break;
            }

            var record = records.Current;
            var label = string.Create(CultureInfo.InvariantCulture, $"{file}:{record.Row}");
            yield return record.MappingErrors.Count > 0
                ? NormalizeInput.Refused(label, record.MappingErrors)
                : NormalizeInput.Json(label, record.Json);
        }
    }
}
