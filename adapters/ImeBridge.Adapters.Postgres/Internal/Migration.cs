namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>One embedded <c>Migrations/NNNN_name.sql</c> file.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
