using System.Globalization;
using ImeBridge.Adapters.Tests.Contracts;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Ports;
using ImeBridge.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Tests.Ports;

/// <summary>
/// The port contracts' database as a fresh PostgreSQL database on the shared test server. Each <see cref="Open"/> is a
/// <see cref="PostgresDatabase"/> with its own connection pool, as another process would have.
/// </summary>
public sealed class PostgresPortsDatabase : PortsDatabase
{
    private readonly List<PostgresDatabase> opened = [];

    private PostgresPortsDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<PortsDatabase> CreateAsync() => new PostgresPortsDatabase(await PostgresServer.CreateSharedDatabaseAsync());

    /// <summary>A fresh migrated database, for the tests of the ports without a shared contract.</summary>
    public static async Task<(PostgresPortsDatabase Ports, PostgresDatabase Database)> OpenFreshAsync()
    {
        var ports = new PostgresPortsDatabase(await PostgresServer.CreateSharedDatabaseAsync());
        var database = await PostgresDatabase.OpenAsync(ports.ConnectionString);
        ports.opened.Add(database);
        return (ports, database);
    }

    public override IPortsInstance Open()
    {
        var database = PostgresDatabase.Open(ConnectionString);
        opened.Add(database);
        return new Instance(database);
    }

    public override async Task<IPortsInstance> ReopenAsync()
    {
        if (opened.Count > 0)
        {
            await opened[^1].DisposeAsync();
        }

        return Open();
    }

    public override async Task<long> CountAsync(string table, string where = "1 = 1")
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // test-only SQL built from constant table names
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {table} WHERE {where};", connection);
#pragma warning restore CA2100
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public override string Instant(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"'{at.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}+00'::timestamptz");

    public override async ValueTask DisposeAsync()
    {
        foreach (var database in opened)
        {
            await database.DisposeAsync();
        }
    }

    private sealed class Instance(PostgresDatabase database) : IPortsInstance
    {
        public ILeaseStore Leases(TimeProvider time) => new PostgresLeaseStore(database, time);

        public ICheckpointStore Checkpoints(TimeProvider time) => new PostgresCheckpointStore(database, time);

        public IExpertDirectory Experts(TimeProvider time) => new PostgresExpertDirectory(database, time);

        public IOutboundLedger Ledger(TimeProvider time) => new PostgresOutboundLedger(database, time);

        public IOperatorAlerts Alerts(TimeProvider time) => new PostgresOperatorAlerts(database, time, NullLogger<PostgresOperatorAlerts>.Instance);
    }
}
