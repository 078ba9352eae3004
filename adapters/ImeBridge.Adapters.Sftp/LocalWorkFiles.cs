namespace ImeBridge.Adapters.Sftp;

/// <summary>The local files one batch file needs while it is processed: its download and its two acks. Deleted on dispose.</summary>
internal sealed class LocalWorkFiles : IDisposable
{
    private const int BufferBytes = 64 * 1024;

    public LocalWorkFiles(string workFolder)
    {
        Directory.CreateDirectory(workFolder);
        var stem = Path.Combine(workFolder, Guid.NewGuid().ToString("N"));
        Download = stem + ".download";
        AckCsv = stem + ".ack.csv";
        AckJson = stem + ".ack.json";
    }

    public string Download { get; }

    public string AckCsv { get; }

    public string AckJson { get; }

    public static FileStream Create(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes, FileOptions.Asynchronous);

    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public void Dispose()
    {
        foreach (var path in new[] { Download, AckCsv, AckJson })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
