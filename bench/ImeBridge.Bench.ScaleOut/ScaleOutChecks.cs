using System.Globalization;
using ImeBridge.Core.Workflow;
using Npgsql;

namespace ImeBridge.Bench.ScaleOut;

/// <summary>
/// What "every referral handled exactly once in effect and in order" means, read from PostgreSQL directly (and the
/// bus's dead-letter count): one PASS/FAIL line per check.
/// </summary>
internal sealed class ScaleOutChecks(NpgsqlDataSource database, TextWriter output)
{
    public int Failures { get; private set; }

    public async Task RunAsync(IReadOnlyList<string?> submitted, long outboxLeft, int deadLettered)
    {
        var expected = submitted.Count;
        var accepted = submitted.Where(id => id is not null).Select(id => id!).ToList();
        var stored = await ListAsync("SELECT referral_id FROM referrals;");
        Check(
            "every submit answered with a referral id, one id per referral",
            accepted.Count == expected && accepted.Distinct(StringComparer.Ordinal).Count() == expected,
            $"{accepted.Count} of {expected} answered, {accepted.Distinct(StringComparer.Ordinal).Count()} distinct ids");
        Check(
            "every referral stored once (dedupe across processes)",
            stored.Count == expected && stored.ToHashSet(StringComparer.Ordinal).SetEquals(accepted),
            $"{stored.Count} rows in referrals for {expected} submitted");

        var states = await ScalarsAsync("SELECT status, COUNT(*) FROM referrals GROUP BY status ORDER BY 2 DESC;");
        var booked = states.Where(s => s.Key is "Scheduled" or "ClaimantNotified").Sum(s => s.Value);
        var bookings = await CountAsync("SELECT COUNT(*) FROM expert_bookings;");
        Check(
            "every referral booked (Scheduled), one slot each",
            booked == expected && bookings == expected,
            $"states: {string.Join(", ", states.Select(s => $"{s.Key} {s.Value}"))}; {bookings} bookings");

        var twice = await CountAsync("SELECT COUNT(*) FROM (SELECT 1 FROM referral_timeline WHERE message_id IS NOT NULL GROUP BY referral_id, message_id HAVING COUNT(*) > 1) d;");
        var entries = await CountAsync("SELECT COUNT(*) FROM referral_timeline WHERE message_id IS NOT NULL;");
        Check("no timeline entry applied twice for one message id", twice == 0, $"{twice} (referral, message id) pairs repeated among {entries} entries");

        var (ordered, detail) = await TimelinesFollowWorkflowAsync();
        Check("every timeline follows the workflow's order (WorkflowTransitions)", ordered, detail);

        Check("transactional outbox empty", outboxLeft == 0, $"{outboxLeft} rows left");
        Check("nothing dead-lettered on Service Bus", deadLettered == 0, $"{deadLettered} in the dead-letter queue");

        var outbound = await CountAsync("SELECT COUNT(*) FROM outbound_messages;");
        var repeatedIds = await CountAsync("SELECT COUNT(*) FROM (SELECT 1 FROM outbound_messages GROUP BY message_id HAVING COUNT(*) > 1) d;");
        var repeatedSends = await CountAsync("SELECT COUNT(*) FROM (SELECT 1 FROM outbound_messages GROUP BY referral_id, channel, purpose, recipient HAVING COUNT(*) > 1) d;");
        Check(
            "outbound ledger: no message id twice, nothing sent twice to one recipient for one purpose",
            repeatedIds == 0 && repeatedSends == 0,
            $"{outbound} outbound messages; {repeatedIds} ids repeated, {repeatedSends} (referral, channel, purpose, recipient) repeated");
    }

    private async Task<(bool Ok, string Detail)> TimelinesFollowWorkflowAsync()
    {
        const string sql = "SELECT referral_id, seq, at, status FROM referral_timeline ORDER BY referral_id, seq;";
        await using var command = database.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var problems = new List<string>();
        var referrals = 0;
        var moves = 0;
        string? referral = null, state = null;
        var lastSeq = 0;
        var lastAt = DateTime.MinValue;
        while (await reader.ReadAsync())
        {
            var id = reader.GetString(0);
            var seq = reader.GetInt32(1);
            var at = reader.GetDateTime(2);
            var status = reader.IsDBNull(3) ? null : reader.GetString(3);
            if (id != referral)
            {
                referrals++;
                referral = id;
                state = null;
                lastSeq = 0;
                lastAt = DateTime.MinValue;
            }

            if (seq != lastSeq + 1 || at < lastAt)
            {
                problems.Add($"{id}: entry {seq} out of sequence");
            }

            lastSeq = seq;
            lastAt = at;
            if (status is null || status == state)
            {
                continue;
            }

            if (state is null ? status != ReferralStatus.Received : WorkflowTransitions.WhyNot(state, status) is not null)
            {
                problems.Add($"{id}: {state ?? "(start)"} -> {status}");
            }

            moves++;
            state = status;
        }

        var detail = $"{referrals} timelines, {moves} state changes";
        return problems.Count == 0 ? (true, detail) : (false, detail + "; " + string.Join("; ", problems.Take(5)));
    }

    private void Check(string name, bool ok, string detail)
    {
        if (!ok)
        {
            Failures++;
        }

        output.WriteLine($"    {(ok ? "PASS" : "FAIL")}  {name}: {detail}");
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var command = database.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<List<KeyValuePair<string, long>>> ScalarsAsync(string sql)
    {
        await using var command = database.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<KeyValuePair<string, long>>();
        while (await reader.ReadAsync())
        {
            values.Add(new(reader.GetString(0), reader.GetInt64(1)));
        }

        return values;
    }
}
