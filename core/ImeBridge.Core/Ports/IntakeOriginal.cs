using System.Security.Cryptography;
using ImeBridge.Core.Model;

namespace ImeBridge.Core.Ports;

/// <summary>
/// The bytes of one intake exactly as they arrived. The referral store keeps them in the same transaction as what
/// was made of them (the referral, or the rejection), so a 202 never points at bytes that are not on disk and a crash
/// leaves no half-kept input.
/// <para>
/// A rejection's bytes are content-addressed (<see cref="StoreRefPrefix"/>). An accepted referral's are kept with the
/// referral and named by its id (<see cref="KeptWith"/>): ids grow with time, so a store appends them in arrival order,
/// where a SHA-256 key put each on a random page of an index, one more page written per referral.
/// </para>
/// </summary>
public sealed class IntakeOriginal
{
    public const string StoreRefPrefix = "intake:sha256/";

    public const string ReferralStoreRefPrefix = "intake:referral/";

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

    /// <summary>The same bytes, to be kept with the referral <paramref name="referralId"/> and read back by its id.</summary>
    public IntakeOriginal KeptWith(string referralId)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        return new IntakeOriginal(Reference with { StoreRef = ReferralStoreRefPrefix + referralId }, Content);
    }

    /// <summary>The referral whose bytes <paramref name="reference"/> names (see <see cref="KeptWith"/>), or null.</summary>
    public static string? ReferralIdOf(DocumentRef reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.StoreRef.StartsWith(ReferralStoreRefPrefix, StringComparison.Ordinal) && reference.StoreRef.Length > ReferralStoreRefPrefix.Length
            ? reference.StoreRef[ReferralStoreRefPrefix.Length..]
            : null;
    }
}
