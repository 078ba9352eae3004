using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ImeBridge.Adapters.AzureBlob.Internal;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.AzureBlob;

/// <summary>
/// Documents as block blobs named by their SHA-256 (<c>sha256/&lt;hex&gt;</c>) in one container, for instances that
/// share no disk. The store computes the hash itself from the bytes it receives, so a name always matches its
/// content. A put first asks whether the blob is there (the same bytes are then not sent again) and otherwise
/// uploads with <c>If-None-Match: *</c>: of two instances racing with the same bytes one wins and the other's
/// 409/412 means the document is stored, not an error. A blob appears whole or not at all (its block list is
/// committed in one request). The content type travels as the blob's <c>Content-Type</c>. The container is created
/// on first use. Store references read <c>blob:sha256/&lt;hex&gt;</c>.
/// </summary>
public sealed class AzureBlobDocumentStore : IDocumentStore
{
    public const string StoreRefPrefix = "blob:sha256/";

    /// <summary>The folder-like prefix of every document's blob name, leaving room for other kinds of blobs.</summary>
    public const string BlobNamePrefix = "sha256/";

    private const int HashHexLength = 64;
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>
    /// Up to 8 MiB in one request; larger documents in 4 MiB blocks, two at a time, so a network error resends one
    /// block rather than the whole scan (the SDK's default sends up to 256 MiB in a single request).
    /// </summary>
    private static readonly StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = 8 * 1024 * 1024,
        MaximumTransferSize = 4 * 1024 * 1024,
        MaximumConcurrency = 2,
    };

    /// <summary>Each request carries the MD5 of its bytes and the service refuses a request whose bytes differ.</summary>
    private static readonly UploadTransferValidationOptions Validation = new() { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 };

    private readonly BlobContainerClient container;
    private readonly string temporaryFolder;
    private volatile bool containerReady;

    /// <param name="container">The container documents live in; created on the first put when it does not exist.</param>
    /// <param name="temporaryFolder">Where streamed documents larger than 1 MiB wait while they are hashed; the system's temporary folder by default.</param>
    public AzureBlobDocumentStore(BlobContainerClient container, string? temporaryFolder = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        this.container = container;
        this.temporaryFolder = temporaryFolder ?? Path.GetTempPath();
    }

    public string ContainerName => container.Name;

    public async Task<DocumentRef> PutAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        await using var stream = BinaryData.FromBytes(content).ToStream();
        await StoreAsync(sha256, content.Length, contentType, stream, cancellationToken);
        return new DocumentRef(sha256, content.Length, contentType, StoreRefPrefix + sha256);
    }

    public async Task<DocumentRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        await using var spooled = await SpooledContent.ReadAsync(content, temporaryFolder, cancellationToken);
        await StoreAsync(spooled.Sha256, spooled.Size, contentType, spooled.Content, cancellationToken);
        return new DocumentRef(spooled.Sha256, spooled.Size, contentType, StoreRefPrefix + spooled.Sha256);
    }

    public async Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken)
    {
        if (!IsSha256Hex(sha256))
        {
            return null;
        }

        try
        {
            // Seekable with a Length (HTTP range responses need both); read in chunks as the caller reads.
            return await BlobOf(sha256).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The blob name of a document, for operators looking at the container.</summary>
    public static string BlobNameOf(string sha256) => BlobNamePrefix + sha256;

    private BlobClient BlobOf(string sha256) => container.GetBlobClient(BlobNameOf(sha256));

    private async Task StoreAsync(string sha256, long size, string contentType, Stream content, CancellationToken cancellationToken)
    {
        var blob = BlobOf(sha256);
        var existing = await PropertiesOrNullAsync(blob, cancellationToken);
        if (existing is not null && existing.ContentLength == size)
        {
            return;
        }

        await EnsureContainerAsync(cancellationToken);

        // A blob of another length under this name was not written by this store: replace exactly that one.
        var conditions = existing is null
            ? new BlobRequestConditions { IfNoneMatch = ETag.All }
            : new BlobRequestConditions { IfMatch = existing.ETag };
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Conditions = conditions,
                TransferOptions = Transfer,
                TransferValidation = Validation,
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            // Another put of the same bytes committed first, unless the refusal meant something else: look.
            if ((await PropertiesOrNullAsync(blob, cancellationToken))?.ContentLength != size)
            {
                throw;
            }
        }
    }

    private static async Task<BlobProperties?> PropertiesOrNullAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (containerReady)
        {
            return;
        }

        // Harmless when several instances (or threads) do it at once: the losers see "already exists".
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        containerReady = true;
    }

    private static bool IsSha256Hex(string? value) =>
        value is { Length: HashHexLength } && !value.AsSpan().ContainsAnyExcept(LowerHex);
}
