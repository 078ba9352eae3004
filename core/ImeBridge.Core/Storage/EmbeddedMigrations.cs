using System.Globalization;
using System.Reflection;

namespace ImeBridge.Core.Storage;

/// <summary>
/// Reads a store's schema changes from the <c>Migrations/NNNN_name.sql</c> files embedded in its assembly, in version
/// order. Every engine's migrator applies them its own way (SQLite, PostgreSQL); reading them is the same for all.
/// </summary>
public static class EmbeddedMigrations
{
    private const string ResourceSuffix = ".sql";

    /// <param name="assembly">The adapter assembly that embeds the files.</param>
    /// <param name="resourcePrefix">The manifest name before the file name, e.g. <c>ImeBridge.Adapters.Sqlite.Migrations.</c>.</param>
    /// <exception cref="InvalidOperationException">A file is not named <c>NNNN_name.sql</c>, or two share a version.</exception>
    public static IReadOnlyList<SchemaMigration> Load(Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(resourcePrefix);
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(resourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[resourcePrefix.Length..^ResourceSuffix.Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream);
            migrations.Add(new SchemaMigration(version, fileName[(separator + 1)..], text.ReadToEnd()));
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
}
