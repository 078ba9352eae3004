using System.Diagnostics;
using Npgsql;

namespace ImeBridge.Bench.ScaleOut;

/// <summary>Waits, reading PostgreSQL, until every referral of the run has settled where the workflow leaves it.</summary>
internal static class Settlement
{
    /// <summary>
    /// Where a referral of this run stops without outside input: booked (Scheduled, or ClaimantNotified once the notice
    /// went out), or held for an operator (NeedsInfo, Linked). An escalation (a timeline event ending in
    /// <c>.escalated</c>) also stops it, in whatever state it had reached.
    /// </summary>
    public static readonly string[] EndStates = ["Scheduled", "ClaimantNotified", "NeedsInfo", "Linked"];

    private const string SettledSql = """
        SELECT COUNT(*) FROM referrals r
        WHERE r.status = ANY(@end)
           OR EXISTS (SELECT 1 FROM referral_timeline t WHERE t.referral_id = r.referral_id AND t.event LIKE '%.escalated');
        """;

    public static async Task<bool> WaitAsync(NpgsqlDataSource database, int expected, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            await using var command = database.CreateCommand(SettledSql);
            command.Parameters.AddWithValue("end", EndStates);
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= expected)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>
    /// After the bookings, the claimant notices still go out (and move referrals to ClaimantNotified, outside quiet
    /// hours): waits until the outbox is empty and no timeline entry or outbound message was added for
    /// <paramref name="quiet"/>, so the checks read a workflow at rest. Returns the outbox rows left. The quiet period
    /// must outlast the pauses of a session processor between sessions (seconds against the in-process endpoint).
    /// </summary>
    public static async Task<long> WaitQuietAsync(NpgsqlDataSource database, TimeSpan quiet, TimeSpan limit)
    {
        const string sql = "SELECT (SELECT COUNT(*) FROM outbox), (SELECT COUNT(*) FROM referral_timeline), (SELECT COUNT(*) FROM outbound_messages);";
        var waited = Stopwatch.StartNew();
        var unchanged = Stopwatch.StartNew();
        (long Outbox, long Timeline, long Outbound) last = (-1, -1, -1);
        while (true)
        {
            await using var command = database.CreateCommand(sql);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var now = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            if (now != last || now.Item1 != 0)
            {
                last = now;
                unchanged.Restart();
            }
            else if (unchanged.Elapsed >= quiet)
            {
                return 0;
            }

            if (waited.Elapsed > limit)
            {
                return now.Item1;
            }

            await Task.Delay(250);
        }
    }
}
