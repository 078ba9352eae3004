using System.Globalization;
using ImeBridge.Core.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> files that <c>schema_migrations</c> does not list yet, in
/// version order, each in its own transaction together with its row in <c>schema_migrations</c>. Several processes
/// starting together migrate once: the whole run holds a session-level <c>pg_advisory_lock</c>, and the applied
/// versions are read only after it is taken.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>The advisory lock key of schema migration ("ImeBrMig" in ASCII), the same in every process.</summary>
    public const long AdvisoryLockKey = 0x496D6542724D6967;

    private const string ResourcePrefix = "ImeBridge.Adapters.Postgres.Migrations.";

    private const string CreateTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL);";

    private static readonly Lazy<IReadOnlyList<SchemaMigration>> Embedded =
        new(() => EmbeddedMigrations.Load(typeof(SchemaMigrator).Assembly, ResourcePrefix));

    public static IReadOnlyList<SchemaMigration> All => Embedded.Value;

    /// <summary>Brings the schema up to date and returns its version.</summary>
    public static async Task<int> ApplyAsync(NpgsqlDataSource dataSource, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey});", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, CreateTable, cancellationToken).ConfigureAwait(false);
            var applied = await AppliedVersionsAsync(connection, cancellationToken).ConfigureAwait(false);
            var latest = All.Count == 0 ? 0 : All[^1].Version;
            if (applied.Count > 0 && applied.Max() > latest)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The database schema is at version {applied.Max()}, newer than this build knows ({latest})."));
            }

            foreach (var migration in All.Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at);", connection, transaction);
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                record.Parameters.AddWithValue("at", time.GetUtcNow());
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Applied PostgreSQL schema migration {Version} ({MigrationName})", migration.Version, migration.Name);
            }

            return latest;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey});", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations;", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Embedded migration scripts and constant statements only.")]
    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
