using ImeBridge.Adapters.Fhir;
using ImeBridge.Adapters.Fhir.Partners;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Model;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Renci.SshNet;

namespace ImeBridge.Adapters.Sftp;

/// <summary>
/// Processes one claimed file in the processing folder: downloads it to a local file while hashing it, keeps its
/// bytes in the document store, takes in its records through <see cref="BatchIntake"/> with both acks written
/// locally, uploads the acks, and moves the file to the archive folder, or, when it cannot be read at all, writes
/// a refusal ack and moves it to the error folder. Stopped part-way, the file stays in the processing folder; the
/// next poll does it again and <see cref="BatchIntake"/>'s delivery ids keep every row stored once.
/// </summary>
internal sealed class SftpBatchFileProcessor(
    IServiceScopeFactory scopes,
    IDocumentStore documents,
    TimeProvider time,
    string workFolder,
    ILogger logger)
{
    public const string Channel = "sftp";

    private const int ShaPrefixLength = 12;

    public async Task<BatchFileOutcome> ProcessAsync(
        SftpClient client,
        SftpFolders folders,
        SftpPartnerEntry entry,
        Partner partner,
        string name,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var remote = SftpFolders.Combine(folders.Processing, name);
        using var work = new LocalWorkFiles(workFolder);
        var sha256 = await DownloadAsync(client, remote, work.Download, cancellationToken);
        var format = BatchFormats.FromFileName(name);
        DocumentRef kept;
        await using (var content = LocalWorkFiles.OpenRead(work.Download))
        {
            kept = await documents.PutAsync(content, ContentTypeOf(format), cancellationToken);
        }

        // Accepted rows point at the file kept once rather than each keeping a copy of its own bytes.
        var file = new BatchFile(Channel, partner.Id, name, sha256) { Original = kept };
        if (format is null)
        {
            return await RefuseAsync(client, folders, file, remote, work, "The file name announces no format ImeBridge reads: name it *.csv, *.jsonl or *.ndjson.", cancellationToken);
        }

        BatchSummary summary;
        try
        {
            summary = await TakeInAsync(file, partner, format.Value, entry.Csv, work, cancellationToken);
        }
        catch (BatchFileException ex)
        {
            return await RefuseAsync(client, folders, file, remote, work, ex.Message, cancellationToken);
        }

        await UploadAcksAsync(client, folders, file, work, cancellationToken);
        await RemoteFolders.MoveKeepingBothAsync(client, remote, folders.Archive, name, cancellationToken);
        logger.LogInformation(
            SftpLogEvents.FileProcessed,
            "SFTP batch {FileSha256} of partner {PartnerId}: {Records} records, {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected; archived in {ElapsedMs} ms",
            ShortSha(file),
            partner.Id,
            summary.Records,
            summary.Accepted,
            summary.Duplicates,
            summary.Rejected,
            (long)time.GetElapsedTime(started).TotalMilliseconds);
        return new BatchFileOutcome(summary, Refused: false);
    }

    /// <summary>
    /// Moves a claimed file that failed <paramref name="attempts"/> times for a reason not in its content (an unreadable
    /// remote file, a fault of ours) to the error folder with a refusal ack, so the partner's later files are not held up.
    /// </summary>
    public async Task<BatchFileOutcome> GiveUpAsync(
        SftpClient client,
        SftpFolders folders,
        Partner partner,
        string name,
        int attempts,
        Exception lastError,
        CancellationToken cancellationToken)
    {
        var remote = SftpFolders.Combine(folders.Processing, name);
        using var work = new LocalWorkFiles(workFolder);
        var file = new BatchFile(Channel, partner.Id, name, Sha256: "");
        var reason = $"The file could not be processed after {attempts} attempts ({lastError.GetType().Name}); it was not read. Send it again, or ask the operator.";
        await FileRefusalAck.WriteAsync(file, reason, work.AckCsv, work.AckJson, cancellationToken);
        await UploadAcksAsync(client, folders, file, work, cancellationToken);
        await RemoteFolders.MoveKeepingBothAsync(client, remote, folders.Error, name, cancellationToken);
        logger.LogError(
            SftpLogEvents.FileRefused,
            "SFTP batch of partner {PartnerId} moved to the error folder after {Attempts} failed attempts; last error {ErrorType}",
            partner.Id,
            attempts,
            SafeError.Describe(lastError));
        return BatchFileOutcome.Refusal;
    }

    private static async Task<string> DownloadAsync(SftpClient client, string remote, string localPath, CancellationToken cancellationToken)
    {
        await using var local = LocalWorkFiles.Create(localPath);
        await using var hashing = new HashingWriteStream(local);
        await client.DownloadFileAsync(remote, hashing, cancellationToken);
        await hashing.FlushAsync(cancellationToken);
        return hashing.Sha256Hex();
    }

    private async Task<BatchSummary> TakeInAsync(
        BatchFile file,
        Partner partner,
        BatchFormat format,
        CsvLayout? layout,
        LocalWorkFiles work,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<BatchIntake>();
        await using var content = LocalWorkFiles.OpenRead(work.Download);
        await using var ack = new BatchAckFiles(file, LocalWorkFiles.Create(work.AckCsv), LocalWorkFiles.Create(work.AckJson));
        var records = format == BatchFormat.JsonLines && FhirBatchRecords.LooksLikeFhirNdjson(work.Download)
            ? FhirBatchRecords.ReadAsync(
                content,
                scope.ServiceProvider.GetService<IOptions<FhirOptions>>()?.Value.For(partner.Id)?.Mapping,
                async (inline, ct) => await documents.PutAsync(inline.Content, inline.ContentType, ct),
                cancellationToken)
            : BatchRecords.ReadAsync(content, format, layout, cancellationToken);
        return await intake.ProcessAsync(file, partner, records, ack, cancellationToken);
    }

    private async Task<BatchFileOutcome> RefuseAsync(
        SftpClient client,
        SftpFolders folders,
        BatchFile file,
        string remote,
        LocalWorkFiles work,
        string reason,
        CancellationToken cancellationToken)
    {
        await FileRefusalAck.WriteAsync(file, reason, work.AckCsv, work.AckJson, cancellationToken);
        await UploadAcksAsync(client, folders, file, work, cancellationToken);
        await RemoteFolders.MoveKeepingBothAsync(client, remote, folders.Error, file.FileName, cancellationToken);
        logger.LogWarning(
            SftpLogEvents.FileRefused,
            "SFTP batch {FileSha256} of partner {PartnerId} refused as a whole and moved to the error folder: {Reason}",
            ShortSha(file),
            file.PartnerId,
            reason);
        return BatchFileOutcome.Refusal;
    }

    private static async Task UploadAcksAsync(SftpClient client, SftpFolders folders, BatchFile file, LocalWorkFiles work, CancellationToken cancellationToken)
    {
        await RemoteFolders.UploadReplacingAsync(client, work.AckCsv, SftpFolders.Combine(folders.Ack, BatchAckFiles.AckCsvName(file.FileName)), cancellationToken);
        await RemoteFolders.UploadReplacingAsync(client, work.AckJson, SftpFolders.Combine(folders.Ack, BatchAckFiles.AckJsonName(file.FileName)), cancellationToken);
    }

    private static string ContentTypeOf(BatchFormat? format) => format switch
    {
        BatchFormat.Csv => "text/csv",
        BatchFormat.JsonLines => "application/x-ndjson",
        _ => "application/octet-stream",
    };

    private static string ShortSha(BatchFile file) => file.Sha256[..ShaPrefixLength];
}
