using System.Globalization;
using ImeBridge.Core.Intake;
using ImeBridge.Core.Partners;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Batch;

/// <summary>
/// Takes in every record of a batch file through <see cref="ReferralIntake"/>: each record stands alone (good ones
/// accepted, bad ones rejected with their row, field and reason), and acks are written strictly in row order.
/// A record's delivery id is <c>{sha256 of the file}:{row}</c>, so the same file delivered again, or processed again
/// after a crash, stores no row twice and loses none. Records are taken in a bounded window of concurrent intakes:
/// the store commits concurrent writes together, so throughput comes from keeping many in flight.
/// </summary>
public sealed class BatchIntake(ReferralIntake intake, TimeProvider time, ILogger<BatchIntake> logger)
{
    /// <summary>Intakes in flight at once: enough to fill the store's group commits, few enough to keep memory flat.</summary>
    public const int MaxInFlight = 512;

    private const string RecordContentType = "application/json";

    /// <summary>
    /// The store has one writer thread, and on two cores it needs one to itself: validating on the reading thread
    /// leaves it that core. With more cores, validation fans out to the thread pool.
    /// </summary>
    internal bool ValidateInParallel { get; init; } = ParallelByDefault;

    internal static bool ParallelByDefault => Environment.ProcessorCount > 2;

    /// <summary>
    /// Takes in every record of <paramref name="records"/> and writes each outcome to <paramref name="ack"/> in row order,
    /// then the summary. Throws what stops the file as a whole: <see cref="BatchFileException"/> from the reader,
    /// a store failure, or cancellation; records taken in before that stay taken in, and processing the file again
    /// finishes it without storing any of them twice.
    /// </summary>
    public async Task<BatchSummary> ProcessAsync(
        BatchFile file,
        Partner partner,
        IAsyncEnumerable<BatchRecord> records,
        IBatchAckWriter? ack,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(records);
        if (!string.Equals(file.PartnerId, partner.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException("the batch file belongs to another partner", nameof(partner));
        }

        if (file.Original is { } kept && !string.Equals(kept.Sha256, file.Sha256, StringComparison.Ordinal))
        {
            throw new ArgumentException("the kept original is not the batch file: their SHA-256 differ", nameof(file));
        }

        var started = time.GetTimestamp();
        var tally = new Tally();
        var window = new Queue<Task<BatchRowOutcome>>(MaxInFlight);
        try
        {
            await foreach (var record in records.WithCancellation(cancellationToken))
            {
                if (window.Count >= MaxInFlight)
                {
                    await AckOldestAsync(window, ack, tally, cancellationToken);
                }

                window.Enqueue(ValidateInParallel
                    ? Task.Run(() => TakeAsync(file, partner, record, cancellationToken), cancellationToken)
                    : TakeAsync(file, partner, record, cancellationToken));
                while (window.Count > 0 && window.Peek().IsCompleted)
                {
                    await AckOldestAsync(window, ack, tally, cancellationToken);
                }
            }

            while (window.Count > 0)
            {
                await AckOldestAsync(window, ack, tally, cancellationToken);
            }
        }
        catch (Exception stopped)
        {
            await SettleAsync(window);
            logger.LogWarning(
                "Batch {FileSha256} from partner {PartnerId} via {Channel} stopped after {Records} records ({ErrorType}); processing it again resumes without duplicates",
                ShortSha(file),
                partner.Id,
                file.Channel,
                tally.Records,
                stopped.GetType().Name);
            throw;
        }

        var summary = tally.Summary();
        if (ack is not null)
        {
            await ack.CompleteAsync(summary, cancellationToken);
        }

        var elapsed = time.GetElapsedTime(started);
        logger.LogInformation(
            "Batch {FileSha256} from partner {PartnerId} via {Channel}: {Records} records, {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected in {ElapsedMs} ms",
            ShortSha(file),
            partner.Id,
            file.Channel,
            summary.Records,
            summary.Accepted,
            summary.Duplicates,
            summary.Rejected,
            (long)elapsed.TotalMilliseconds);
        return summary;
    }

    private async Task<BatchRowOutcome> TakeAsync(BatchFile file, Partner partner, BatchRecord record, CancellationToken cancellationToken)
    {
        var deliveryId = file.Sha256 + ":" + record.Row.ToString(CultureInfo.InvariantCulture);
        var request = new IntakeRequest(file.Channel, partner.Id, deliveryId, RecordContentType, record.Json, PartOfBatch: true);
        var result = record.MappingErrors.Count > 0
            ? await intake.RejectAsync(request, partner, record.MappingErrors, cancellationToken)
            : file.Original is { } kept
                ? await intake.AcceptJsonAsync(request, partner, kept, cancellationToken)
                : await intake.AcceptJsonAsync(request, partner, cancellationToken);
        return result switch
        {
            IntakeAccepted accepted => new BatchRowOutcome(record.Row, record.ExternalId, accepted.ReferralId, accepted.Duplicate, null, []),
            IntakeRejected rejected => new BatchRowOutcome(record.Row, record.ExternalId, null, false, rejected.RejectionId, rejected.Errors),
            _ => throw new InvalidOperationException("the intake returned an unknown result"),
        };
    }

    private static async Task AckOldestAsync(Queue<Task<BatchRowOutcome>> window, IBatchAckWriter? ack, Tally tally, CancellationToken cancellationToken)
    {
        var outcome = await window.Peek();
        _ = window.Dequeue();
        tally.Add(outcome);
        if (ack is not null)
        {
            await ack.WriteAsync(outcome, cancellationToken);
        }
    }

    /// <summary>Waits for the intakes still in flight so none outlives the call; their rows are stored or not, and a re-run sorts them out.</summary>
    private static async Task SettleAsync(Queue<Task<BatchRowOutcome>> window)
    {
        foreach (var pending in window)
        {
            try
            {
                await pending;
            }
            catch (Exception)
            {
                // Already failing: the first exception is the one the caller sees.
            }
        }

        window.Clear();
    }

    private static string ShortSha(BatchFile file) => file.Sha256.Length > 12 ? file.Sha256[..12] : file.Sha256;

    private sealed class Tally
    {
        private long accepted;
        private long duplicates;
        private long rejected;

        public long Records => accepted + duplicates + rejected;

        public void Add(BatchRowOutcome outcome)
        {
            if (outcome.RejectionId is not null)
            {
                rejected++;
            }
            else if (outcome.Duplicate)
            {
                duplicates++;
            }
            else
            {
                accepted++;
            }
        }

        public BatchSummary Summary() => new(Records, accepted, duplicates, rejected);
    }
}
