using ImeBridge.Adapters.Sqlite;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Ports;
using ImeBridge.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.Postgres.Tests.Ports;

/// <summary>Choosing PostgreSQL instead of SQLite leaves no port of the core unregistered.</summary>
public sealed class PostgresPortRegistrationTests
{
    [Fact]
    public async Task Every_core_service_that_AddImeBridgeSqlite_registers_resolves_from_AddImeBridgePostgres()
    {
        var folder = Directory.CreateTempSubdirectory("imebridge-registration-");
        try
        {
            var sqlite = new ServiceCollection().AddImeBridgeSqlite(Path.Combine(folder.FullName, "imebridge.db"));
            var expected = sqlite
                .Select(d => d.ServiceType)
                .Where(t => t.Assembly == typeof(IReferralStore).Assembly || t == typeof(TimeProvider))
                .Distinct()
                .ToList();
            Assert.Contains(typeof(IMessageQueue), expected);
            Assert.Contains(typeof(IOutboundLedger), expected);
            Assert.Contains(typeof(IProofOfServiceStore), expected);

            var connectionString = await PostgresServer.CreateSharedDatabaseAsync();
            await using var provider = new ServiceCollection().AddImeBridgePostgres(connectionString).BuildServiceProvider();

            Assert.All(expected, serviceType => Assert.NotNull(provider.GetService(serviceType)));
            Assert.Same(provider.GetRequiredService<PostgresLeaseStore>(), provider.GetRequiredService<ILeaseStore>());
            Assert.Same(provider.GetRequiredService<PostgresCheckpointStore>(), provider.GetRequiredService<ICheckpointStore>());
            Assert.Same(provider.GetRequiredService<PostgresExpertDirectory>(), provider.GetRequiredService<IExpertDirectory>());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
