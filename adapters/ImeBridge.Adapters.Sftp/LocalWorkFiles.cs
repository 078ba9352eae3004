using ImeBridge.Core.Leases;

namespace ImeBridge.Adapters.Sftp;

/// <summary>
/// The local files one batch file needs while it is processed: its download and its two acks. They hold claimant data,
/// so they are readable by this user only and deleted on dispose; files a killed process left behind are deleted by
/// <see cref="SweepAbandoned"/>. Names start with the process id that made them.
/// </summary>
internal sealed class LocalWorkFiles : IDisposable
{
    private const int BufferBytes = 64 * 1024;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public LocalWorkFiles(string workFolder)
    {
        CreateFolder(workFolder);
        var stem = Path.Combine(workFolder, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Download = stem + ".download";
        AckCsv = stem + ".ack.csv";
        AckJson = stem + ".ack.json";
    }

    public string Download { get; }

    public string AckCsv { get; }

    public string AckJson { get; }

    public static FileStream Create(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = BufferBytes,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return new FileStream(path, options);
    }

    /// <summary>Deletes the work files of processes that no longer run (a crash or kill during a file).</summary>
    public static int SweepAbandoned(string workFolder)
    {
        if (!Directory.Exists(workFolder))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(workFolder))
        {
            var name = Path.GetFileName(path);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), out var pid) && pid != Environment.ProcessId && !ProcessLeaseOwner.IsRunning(pid))
            {
                deleted += TryDelete(path) ? 1 : 0;
            }
        }

        return deleted;
    }

    private static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public void Dispose()
    {
        foreach (var path in new[] { Download, AckCsv, AckJson })
        {
            TryDelete(path);
        }
    }
}
