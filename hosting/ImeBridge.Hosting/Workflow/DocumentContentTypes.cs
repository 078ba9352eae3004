using System.Text.Unicode;

namespace ImeBridge.Hosting.Workflow;

/// <summary>
/// The file types a referrer may send, and a check that the bytes are what the declared type says (a PDF starts with
/// <c>%PDF-</c>, …), so a mislabelled or disguised file is refused at the door rather than handed to the examiner.
/// </summary>
internal static class DocumentContentTypes
{
    public static readonly IReadOnlyList<string> Allowed = ["application/pdf", "image/jpeg", "image/png", "image/tiff", "application/dicom", "text/plain"];

    /// <summary>How many leading bytes <see cref="Matches"/> needs at most.</summary>
    public const int HeaderLength = 132;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] TiffLittle = [0x49, 0x49, 0x2A, 0x00];
    private static readonly byte[] TiffBig = [0x4D, 0x4D, 0x00, 0x2A];
    private static readonly byte[] Dicom = "DICM"u8.ToArray();

    /// <summary>The media type without parameters, lower-cased, when it is one of <see cref="Allowed"/>; otherwise null.</summary>
    public static string? Normalize(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType is not null && Allowed.Contains(mediaType) ? mediaType : null;
    }

    /// <summary>Whether <paramref name="header"/> (the first bytes of the file) fits <paramref name="mediaType"/>.</summary>
    public static bool Matches(string mediaType, ReadOnlySpan<byte> header) => mediaType switch
    {
        "application/pdf" => header.StartsWith(Pdf),
        "image/jpeg" => header.StartsWith(Jpeg),
        "image/png" => header.StartsWith(Png),
        "image/tiff" => header.StartsWith(TiffLittle) || header.StartsWith(TiffBig),
        "application/dicom" => header.Length >= 132 && header[128..132].SequenceEqual(Dicom),
        "text/plain" => !header.Contains((byte)0) && IsUtf8Prefix(header),
        _ => false,
    };

    // The header may end inside a multi-byte character: up to three trailing bytes may be an unfinished sequence.
    private static bool IsUtf8Prefix(ReadOnlySpan<byte> header)
    {
        for (var cut = 0; cut <= Math.Min(3, header.Length); cut++)
        {
            if (Utf8.IsValid(header[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}
