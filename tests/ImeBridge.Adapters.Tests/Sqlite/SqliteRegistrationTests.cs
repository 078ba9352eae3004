using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class SqliteRegistrationTests
{
    [Fact]
    public async Task The_registration_helpers_wire_store_queue_and_documents_over_one_database()
    {
        using var folder = new TempFolder();
        var services = new ServiceCollection()
            .AddImeBridgeSqlite(folder.File("state/imebridge.db"), queue => queue.MaxDeliveryCount = 7)
            .AddImeBridgeLocalDocuments(folder.File("documents"));

        await using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<IReferralStore>();
            var queue = provider.GetRequiredService<IMessageQueue>();
            Assert.IsType<SqliteReferralStore>(store);
            Assert.IsType<SqliteMessageQueue>(queue);
            Assert.IsType<LocalDocumentStore>(provider.GetRequiredService<IDocumentStore>());
            Assert.Equal(7, provider.GetRequiredService<IOptions<QueueOptions>>().Value.MaxDeliveryCount);
            Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());

            await store.AcceptAsync(Referrals.New(TimeProvider.System), CancellationToken.None);
            Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None));
        }

        Assert.True(File.Exists(folder.File("state/imebridge.db")));
        Assert.True(Directory.Exists(folder.File("documents")));
    }
}
