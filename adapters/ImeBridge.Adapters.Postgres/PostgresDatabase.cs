using ImeBridge.Adapters.Postgres.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// One PostgreSQL database holding referral state, the outbox and inbox, and (when PostgreSQL is also the bus) the
/// queue, shared by every process of a scaled-out bridge. It owns the <see cref="NpgsqlDataSource"/> (the connection
/// pool) every adapter of this assembly uses. Open it with <c>OpenAsync</c> (or <c>Open</c> from a DI
/// factory): opening applies pending schema migrations, once even when several processes start together.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private int disposed;

    private PostgresDatabase(NpgsqlDataSource dataSource, int schemaVersion)
    {
        DataSource = dataSource;
        SchemaVersion = schemaVersion;
    }

    /// <summary>The connection pool over the database.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The schema version after start-up migration.</summary>
    public int SchemaVersion { get; }

    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="logger">Receives migration notes: versions and names only.</param>
    /// <param name="time">Stamps applied migrations; the system clock when null.</param>
    public static async Task<PostgresDatabase> OpenAsync(
        string connectionString,
        ILogger<PostgresDatabase>? logger = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return await OpenAsync(NpgsqlDataSource.Create(connectionString), logger, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens over a data source the host built, e.g. with <see cref="NpgsqlDataSourceBuilder.UsePeriodicPasswordProvider"/>
    /// handing out Microsoft Entra tokens for a managed identity. The database owns it from then on and disposes it.
    /// </summary>
    public static async Task<PostgresDatabase> OpenAsync(
        NpgsqlDataSource dataSource,
        ILogger<PostgresDatabase>? logger = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        try
        {
            var version = await SchemaMigrator.ApplyAsync(
                dataSource,
                time ?? TimeProvider.System,
                (ILogger?)logger ?? NullLogger.Instance,
                cancellationToken).ConfigureAwait(false);
            return new PostgresDatabase(dataSource, version);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The blocking form of <see cref="OpenAsync(string, ILogger{PostgresDatabase}?, TimeProvider?, CancellationToken)"/>, for a DI factory at start-up.</summary>
    public static PostgresDatabase Open(string connectionString, ILogger<PostgresDatabase>? logger = null, TimeProvider? time = null) =>
        Task.Run(() => OpenAsync(connectionString, logger, time)).GetAwaiter().GetResult();

    /// <summary>The blocking form of <see cref="OpenAsync(NpgsqlDataSource, ILogger{PostgresDatabase}?, TimeProvider?, CancellationToken)"/>.</summary>
    public static PostgresDatabase Open(NpgsqlDataSource dataSource, ILogger<PostgresDatabase>? logger = null, TimeProvider? time = null) =>
        Task.Run(() => OpenAsync(dataSource, logger, time)).GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await DataSource.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
