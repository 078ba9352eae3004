using System.Security.Cryptography;
using CsvHelper;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ImeBridge.Bench.Batch;

/// <summary>What each measured phase does; each returns the number of rows it handled.</summary>
internal static class Phases
{
    public static async Task<long> ReadEveryFieldAsync(string path)
    {
        await using var reader = CsvReader.Create(File.OpenRead(path), CsvReaderOptions.Default with { Separator = ',' });
        var records = 0L;
        var characters = 0L;
        while (await reader.ReadAsync())
        {
            records++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                characters += reader.GetString(i).Length;
            }
        }

        return characters > 0 ? records : 0;
    }

    public static async Task<long> MapEveryRowAsync(string path)
    {
        await using var content = File.OpenRead(path);
        var records = 0L;
        await foreach (var record in BatchRecords.ReadAsync(content, BatchFormat.Csv, layout: null, CancellationToken.None))
        {
            records += record.MappingErrors.Count == 0 ? 1 : 0;
        }

        return records;
    }

    /// <summary>
    /// Does what the SFTP adapter does with a file: hash it, keep it in the document store (when one is given), read it,
    /// take it in and write both acks next to it.
    /// </summary>
    public static async Task<long> IntakeAsync(BatchIntake batches, Partner partner, string csvPath, IDocumentStore? documents)
    {
        string sha256;
        await using (var hashing = File.OpenRead(csvPath))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashing));
        }

        var file = new BatchFile("sftp", partner.Id, Path.GetFileName(csvPath), sha256);
        if (documents is not null)
        {
            await using var keeping = File.OpenRead(csvPath);
            file = file with { Original = await documents.PutAsync(keeping, "text/csv", CancellationToken.None) };
        }

        var folder = Path.GetDirectoryName(csvPath)!;
        await using var content = File.OpenRead(csvPath);
        await using var ack = new BatchAckFiles(
            file,
            File.Create(Path.Combine(folder, BatchAckFiles.AckCsvName(file.FileName))),
            File.Create(Path.Combine(folder, BatchAckFiles.AckJsonName(file.FileName))));
        var records = BatchRecords.ReadAsync(content, BatchFormat.Csv, layout: null, CancellationToken.None);
        var summary = await batches.ProcessAsync(file, partner, records, ack, CancellationToken.None);
        if (summary.Rejected > 0)
        {
            throw new InvalidOperationException($"{summary.Rejected} generated rows were rejected; see the ack file");
        }

        return summary.Records;
    }

    public static long CountReferrals(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM referrals";
        return (long)count.ExecuteScalar()!;
    }
}
