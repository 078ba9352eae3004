using ImeBridge.Core.Batch;
using ImeBridge.Core.Leases;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Renci.SshNet;

namespace ImeBridge.Adapters.Sftp;

/// <summary>
/// One poll of one partner's SFTP folder. Holds the lease <c>sftp:{partnerId}</c> for the whole poll (another
/// instance polling the same partner means this poll is skipped), finishes any file a stopped poll left in the
/// processing folder, then claims every ready inbound file by renaming it into the processing folder and processes
/// it. A file is ready once its <c>.done</c> marker exists (<see cref="SftpPartnerOptions.DoneMarker"/>) or once its
/// size and modification time have not changed for <see cref="SftpPartnerOptions.StableFor"/> across polls.
/// </summary>
public sealed class SftpBatchPoller
{
    public const string DoneSuffix = ".done";

    /// <summary>How many times a claimed file may fail for a reason outside its content before it goes to the error folder.</summary>
    public const int MaxAttemptsPerFile = 3;

    private readonly ILeaseStore leases;
    private readonly IPartnerDirectory partners;
    private readonly IOptions<SftpOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<SftpBatchPoller> logger;
    private readonly SftpConnector connector;
    private readonly SftpBatchFileProcessor processor;
    private readonly FileStabilityTracker stability;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> failedAttempts = new(StringComparer.Ordinal);

    public SftpBatchPoller(
        IServiceScopeFactory scopes,
        ILeaseStore leases,
        IDocumentStore documents,
        IPartnerDirectory partners,
        IOptions<SftpOptions> options,
        TimeProvider time,
        ILogger<SftpBatchPoller> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.leases = leases;
        this.partners = partners;
        this.options = options;
        this.time = time;
        this.logger = logger;
        connector = new SftpConnector(logger);
        var workFolder = options.Value.WorkFolder ?? Path.Combine(Path.GetTempPath(), "imebridge-sftp");
        var swept = LocalWorkFiles.SweepAbandoned(workFolder);
        if (swept > 0)
        {
            logger.LogInformation("Deleted {FileCount} SFTP work files left by a process that stopped mid-file", swept);
        }

        processor = new SftpBatchFileProcessor(scopes, documents, time, workFolder, logger);
        stability = new FileStabilityTracker(time);
    }

    /// <summary>Who this poller is when it takes a lease: unique per instance, readable in the lease table.</summary>
    public string Owner { get; } = ProcessLeaseOwner.NewOwner();

    /// <summary>Polls the configured SFTP partner <paramref name="partnerId"/>.</summary>
    public Task<SftpPollSummary> PollAsync(string partnerId, CancellationToken cancellationToken)
    {
        var entry = options.Value.SftpPartners.FirstOrDefault(p => p.Id == partnerId)
            ?? throw new ArgumentException($"partner '{partnerId}' has no sftp configuration", nameof(partnerId));
        return PollAsync(entry, cancellationToken);
    }

    /// <exception cref="SftpHostKeyMismatchException">The server's host key is not the pinned one; nothing was touched.</exception>
    public async Task<SftpPollSummary> PollAsync(SftpPartnerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var partnerId = entry.Id ?? throw new ArgumentException("the entry has no partner id", nameof(entry));
        var sftp = entry.Sftp ?? throw new ArgumentException($"partner '{partnerId}' has no sftp configuration", nameof(entry));
        var partner = partners.Find(partnerId)
            ?? throw new InvalidOperationException($"partner '{partnerId}' has sftp settings but is not a configured partner");

        await using var lease = await LeaseKeeper.TryTakeAsync(leases, partnerId, Owner, options.Value.LeaseDuration, time, logger, cancellationToken);
        if (lease is null)
        {
            logger.LogInformation(SftpLogEvents.LeaseHeldElsewhere, "SFTP poll of partner {PartnerId} skipped: another instance is polling it.", partnerId);
            return SftpPollSummary.Skipped(partnerId);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        var started = time.GetTimestamp();
        using var client = await connector.ConnectAsync(partnerId, sftp, stop.Token);
        var folders = SftpFolders.From(sftp);
        await RemoteFolders.EnsureExistAsync(client, folders, stop.Token);
        var tally = new PollTally(partnerId);
        await ResumeStoppedAsync(client, folders, entry, partner, tally, stop.Token);
        await TakeReadyAsync(client, folders, entry, partner, tally, stop.Token);
        client.Disconnect();

        var summary = tally.Summary();
        logger.LogInformation(
            SftpLogEvents.PollCompleted,
            "SFTP poll of partner {PartnerId}: {FilesTaken} files taken ({FilesRefused} refused), {FilesWaiting} waiting, {Records} records in {ElapsedMs} ms",
            partnerId,
            summary.FilesTaken,
            summary.FilesRefused,
            summary.FilesWaiting,
            summary.Records,
            (long)time.GetElapsedTime(started).TotalMilliseconds);
        return summary;
    }

    /// <summary>A file in the processing folder was claimed by a poll that stopped (crash, cancel, lost lease) before archiving it.</summary>
    private async Task ResumeStoppedAsync(SftpClient client, SftpFolders folders, SftpPartnerEntry entry, Partner partner, PollTally tally, CancellationToken cancellationToken)
    {
        foreach (var file in await RemoteFolders.ListFilesAsync(client, folders.Processing, cancellationToken))
        {
            if (entry.Sftp!.DoneMarker)
            {
                await RemoteFolders.DeleteIfExistsAsync(client, SftpFolders.Combine(folders.Inbound, file.Name + DoneSuffix), cancellationToken);
            }

            tally.Add(await ProcessCountingFailuresAsync(client, folders, entry, partner, file.Name, cancellationToken));
        }
    }

    /// <summary>
    /// Processes a claimed file. A failure (not a cancellation) fails the poll as before, and the next poll retries the
    /// file from the processing folder; after <see cref="MaxAttemptsPerFile"/> failures the file goes to the error folder
    /// with a refusal ack, so one file cannot hold up the partner's later ones. Attempts are counted per process.
    /// </summary>
    private async Task<BatchFileOutcome> ProcessCountingFailuresAsync(
        SftpClient client,
        SftpFolders folders,
        SftpPartnerEntry entry,
        Partner partner,
        string name,
        CancellationToken cancellationToken)
    {
        var key = partner.Id + "/" + name;
        try
        {
            var outcome = await processor.ProcessAsync(client, folders, entry, partner, name, cancellationToken);
            failedAttempts.TryRemove(key, out _);
            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not SftpHostKeyMismatchException)
        {
            var attempts = failedAttempts.AddOrUpdate(key, 1, (_, count) => count + 1);
            if (attempts < MaxAttemptsPerFile)
            {
                throw;
            }

            failedAttempts.TryRemove(key, out _);
            return await processor.GiveUpAsync(client, folders, partner, name, attempts, ex, cancellationToken);
        }
    }

    private async Task TakeReadyAsync(SftpClient client, SftpFolders folders, SftpPartnerEntry entry, Partner partner, PollTally tally, CancellationToken cancellationToken)
    {
        var sftp = entry.Sftp!;
        var listed = await RemoteFolders.ListFilesAsync(client, folders.Inbound, cancellationToken);
        var names = listed.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var matching = listed
            .Where(f => !f.Name.EndsWith(DoneSuffix, StringComparison.OrdinalIgnoreCase) && RemoteFolders.Matches(sftp.EffectiveFilePatterns, f.Name))
            .ToList();
        var ready = sftp.DoneMarker
            ? [.. matching.Where(f => names.Contains(f.Name + DoneSuffix))]
            : stability.Ready(entry.Id!, matching, sftp.StableFor);
        tally.Waiting = matching.Count - ready.Count;

        foreach (var file in ready)
        {
            var claimed = SftpFolders.Combine(folders.Processing, file.Name);
            if (!await RemoteFolders.TryRenameAsync(client, file.FullName, claimed, cancellationToken))
            {
                logger.LogInformation("SFTP poll of partner {PartnerId}: a ready file was taken by someone else first; skipped.", entry.Id);
                continue;
            }

            stability.Forget(entry.Id!, file.Name);
            if (sftp.DoneMarker)
            {
                await RemoteFolders.DeleteIfExistsAsync(client, file.FullName + DoneSuffix, cancellationToken);
            }

            tally.Add(await ProcessCountingFailuresAsync(client, folders, entry, partner, file.Name, cancellationToken));
        }
    }

    private sealed class PollTally(string partnerId)
    {
        private int files;
        private int refused;
        private long records;
        private long accepted;
        private long duplicates;
        private long rejected;

        public int Waiting { get; set; }

        public void Add(BatchFileOutcome outcome)
        {
            files++;
            refused += outcome.Refused ? 1 : 0;
            records += outcome.Summary.Records;
            accepted += outcome.Summary.Accepted;
            duplicates += outcome.Summary.Duplicates;
            rejected += outcome.Summary.Rejected;
        }

        public SftpPollSummary Summary() => new(partnerId, true, files, refused, Waiting, records, accepted, duplicates, rejected);
    }
}
