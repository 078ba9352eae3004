using System.Globalization;
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
    private const string ResourceSuffix = ".sql";

    private static readonly Lazy<IReadOnlyList<Migration>> Embedded = new(Load);

    public static IReadOnlyList<Migration> All => Embedded.Value;

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

    private static List<Migration> Load()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[ResourcePrefix.Length..^ResourceSuffix.Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream);
            migrations.Add(new Migration(version, fileName[(separator + 1)..], text.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {migrations[i].Version.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        return migrations;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Embedded migration scripts and constant statements only.")]
    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
