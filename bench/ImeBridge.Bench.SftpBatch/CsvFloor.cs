using CsvHelper;

namespace ImeBridge.Bench.SftpBatch;

/// <summary>The floor: CsvHelper reading every field of the file as a string, as the batch reader does, and nothing else.</summary>
internal static class CsvFloor
{
    public static async Task<long> CountRowsAsync(string path)
    {
        await using var content = File.OpenRead(path);
        await using var reader = CsvReader.Create(content, CsvReaderOptions.Default, leaveOpen: false);
        await reader.ReadHeaderAsync(CancellationToken.None);
        long rows = 0;
        long chars = 0;
        while (await reader.ReadAsync(CancellationToken.None))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                chars += reader.GetString(i).Length;
            }

            rows++;
        }

        return chars > 0 ? rows : 0;
    }
}
