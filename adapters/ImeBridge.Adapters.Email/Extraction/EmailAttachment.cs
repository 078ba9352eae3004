namespace ImeBridge.Adapters.Email.Extraction;

/// <summary>A file that came with an email (directly, inside a forwarded message, a winmail.dat or a signed wrapper).</summary>
/// <param name="FileName">Decoded file name (RFC 2047 / RFC 2231 / raw 8-bit), or a made-up <c>attachment-N.ext</c> when the part has none.</param>
/// <param name="ContentType">The media type without parameters, e.g. <c>application/pdf</c>.</param>
/// <param name="Content">The decoded bytes.</param>
/// <param name="Sha256">SHA-256 of <paramref name="Content"/>, lower-case hex.</param>
/// <param name="Kind">A document kind of the canonical schema (<see cref="DocumentKinds"/>), guessed from the name and type.</param>
public sealed record EmailAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content, string Sha256, string Kind)
{
    public long Size => Content.Length;
}
