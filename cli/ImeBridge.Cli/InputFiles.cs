namespace ImeBridge.Cli;

/// <summary>Reads input files named on the command line; a missing or unreadable file is a usage error.</summary>
internal static class InputFiles
{
    public static void RequireExists(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException(Directory.Exists(path) ? $"{path}: is a folder, not a file." : $"{path}: no such file.");
        }
    }

    public static byte[] ReadAllBytes(string path)
    {
        RequireExists(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot be read ({ex.Message}).", ex);
        }
    }

    public static FileStream OpenRead(string path)
    {
        RequireExists(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 65536, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot be read ({ex.Message}).", ex);
        }
    }
}
