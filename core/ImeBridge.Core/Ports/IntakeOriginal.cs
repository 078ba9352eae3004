using System.Security.Cryptography;
using ImeBridge.Core.Model;

namespace ImeBridge.Core.Ports;

/// <summary>
/// The bytes of one intake exactly as they arrived, content-addressed. The referral store keeps them in the
/// same transaction as what was made of them (the referral, or the rejection), so a 202 never points at
/// bytes that are not on disk and a crash leaves no half-kept input.
/// </summary>
public sealed class IntakeOriginal
{
    public const string StoreRefPrefix = "intake:sha256/";

    private IntakeOriginal(DocumentRef reference, ReadOnlyMemory<byte> content)
    {
        Reference = reference;
        Content = content;
    }

    public DocumentRef Reference { get; }

    public ReadOnlyMemory<byte> Content { get; }

    public static IntakeOriginal From(ReadOnlyMemory<byte> content, string contentType)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        return new IntakeOriginal(new DocumentRef(sha256, content.Length, contentType, StoreRefPrefix + sha256), content);
    }
}
