namespace ImeBridge.Core.Storage;

/// <summary>One numbered schema change of a store, from an embedded <c>Migrations/NNNN_name.sql</c> file.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql);
