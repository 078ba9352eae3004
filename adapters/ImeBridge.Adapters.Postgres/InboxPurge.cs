using ImeBridge.Adapters.Postgres.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// Keeps the inbox (<c>processed_messages</c>) from growing forever: every <see cref="PostgresOptions.InboxPurgeInterval"/>
/// (first at start) it deletes rows older than <see cref="PostgresOptions.InboxRetention"/>, in batches of
/// <see cref="PostgresOptions.InboxPurgeBatchSize"/>, each its own short statement. Several processes purging at once
/// only share the work.
/// </summary>
public sealed class InboxPurge : BackgroundService
{
    private const string DeleteBatch = """
        DELETE FROM processed_messages
        WHERE ctid IN (SELECT ctid FROM processed_messages WHERE processed_at < @before LIMIT @max);
        """;

    private readonly PostgresDatabase database;
    private readonly PostgresOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<InboxPurge> logger;

    public InboxPurge(PostgresDatabase database, PostgresOptions options, TimeProvider time, ILogger<InboxPurge> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.InboxPurgeBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.InboxRetention, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.InboxPurgeInterval, TimeSpan.Zero, nameof(options));
        this.database = database;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Deletes every inbox row older than the retention, batch by batch; returns how many.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.InboxRetention;
        var total = 0;
        int deleted;
        do
        {
            await using var command = database.DataSource.CreateCommand(DeleteBatch)
                .Instant("before", before)
                .Integer("max", options.InboxPurgeBatchSize);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == options.InboxPurgeBatchSize);

        logger.Log(total > 0 ? LogLevel.Information : LogLevel.Debug, "Purged {Count} inbox rows handled before {Before:O}", total, before);
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Inbox purge failed with {ExceptionType}; trying again in {RetryAfter}", ex.GetType().Name, options.InboxPurgeInterval);
            }

            await Task.Delay(options.InboxPurgeInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }
}
