namespace ImeBridge.Hosting.Workflow;

/// <summary>Whether bytes are a PDF: the <c>%PDF-</c> header within the first 1024 bytes and <c>%%EOF</c> in the last 1024 (ISO 32000-1, 7.5.2 and 7.5.5).</summary>
internal static class ReportPdf
{
    private const int Window = 1024;

    public static bool IsPdf(ReadOnlySpan<byte> bytes) =>
        bytes[..Math.Min(Window, bytes.Length)].IndexOf("%PDF-"u8) >= 0
        && bytes[Math.Max(0, bytes.Length - Window)..].IndexOf("%%EOF"u8) >= 0;
}
