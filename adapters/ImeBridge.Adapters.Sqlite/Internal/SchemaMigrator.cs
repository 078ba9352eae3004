using System.Globalization;
using ImeBridge.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> files that <c>schema_migrations</c> does not list yet,
/// in version order, each recorded in the same transaction as its changes. Idempotent, and safe when
/// two processes start at once (the write lock is taken before the applied versions are read).
/// </summary>
internal static class SchemaMigrator
{
    private const string ResourcePrefix = "ImeBridge.Adapters.Sqlite.Migrations.";

    private static readonly Lazy<IReadOnlyList<SchemaMigration>> Embedded =
        new(() => EmbeddedMigrations.Load(typeof(SchemaMigrator).Assembly, ResourcePrefix));

    public static IReadOnlyList<SchemaMigration> All => Embedded.Value;

    /// <summary>Brings the schema up to date and returns its version.</summary>
    public static int Apply(SqliteConnection connection, TimeProvider time, ILogger logger)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);");
        Execute(connection, "BEGIN IMMEDIATE;");
        try
        {
            var applied = AppliedVersions(connection);
            var latest = All.Count == 0 ? 0 : All[^1].Version;
            if (applied.Count > 0 && applied.Max() > latest)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The database schema is at version {applied.Max()}, newer than this build knows ({latest})."));
            }

            foreach (var migration in All.Where(m => !applied.Contains(m.Version)))
            {
                Execute(connection, migration.Sql);
                using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at);";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$name", migration.Name);
                record.Parameters.AddWithValue("$at", UnixTime.Now(time));
                record.ExecuteNonQuery();
                logger.LogInformation("Applied SQLite schema migration {Version} ({MigrationName})", migration.Version, migration.Name);
            }

            Execute(connection, "COMMIT;");
            return latest;
        }
        catch
        {
            Execute(connection, "ROLLBACK;");
            throw;
        }
    }

    private static HashSet<int> AppliedVersions(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations;";
        using var reader = command.ExecuteReader();
        var versions = new HashSet<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Embedded migration scripts and constant statements only.")]
    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
