using System.Text;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Tests.Outbox;

/// <summary>Writes outbox rows as the store would and reads back what the bus received and what was set aside.</summary>
internal static class OutboxRows
{
    /// <summary>A body carrying the claimant's name, as a real one would: it must never reach a log or an alert.</summary>
    public static byte[] Body(string messageId) =>
        Encoding.UTF8.GetBytes($$"""{"id":"{{messageId}}","claimant":"{{ImeBridge.Adapters.Tests.Support.Referrals.ClaimantLastName}}"}""");

    /// <summary>Appends rows in the order given; each id is <c>&lt;session&gt;/&lt;n&gt;</c>, the session being the part before the slash.</summary>
    public static async Task AddAsync(PostgresDatabase database, FakeTimeProvider time, params string[] messageIds)
    {
        foreach (var id in messageIds)
        {
            await using var insert = database.DataSource.CreateCommand(
                "INSERT INTO outbox (message_id, type, session_id, body, not_before, created_at) VALUES (@id, 'TestEvent', @session, @body, NULL, @now);");
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("session", SessionOf(id));
            insert.Parameters.AddWithValue("body", Body(id));
            insert.Parameters.AddWithValue("now", time.GetUtcNow());
            await insert.ExecuteNonQueryAsync();
        }
    }

    public static string SessionOf(string messageId) => messageId[..messageId.IndexOf('/', StringComparison.Ordinal)];

    public static async Task<List<string>> OutboxIdsAsync(PostgresDatabase database) =>
        await IdsAsync(database, "SELECT message_id FROM outbox ORDER BY seq;");

    public static async Task<List<string>> RefusedIdsAsync(PostgresDatabase database) =>
        await IdsAsync(database, "SELECT message_id FROM outbox_refused ORDER BY seq;");

    /// <summary>Receives and completes everything on the bus; returns each session's message ids in delivery order.</summary>
    public static async Task<Dictionary<string, List<string>>> DrainAsync(PostgresMessageQueue bus)
    {
        var delivered = new Dictionary<string, List<string>>();
        while (await bus.ReceiveAsync(100, CancellationToken.None) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                Assert.Equal(1, message.DeliveryCount);
                (delivered.TryGetValue(message.SessionId, out var list) ? list : delivered[message.SessionId] = []).Add(message.MessageId);
                await bus.CompleteAsync(message, CancellationToken.None);
            }
        }

        return delivered;
    }

    private static async Task<List<string>> IdsAsync(PostgresDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
