using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ImeBridge.Bench.Workflow;

/// <summary>Reads the run's outcome straight from the embedded database, read-only, beside the running host.</summary>
internal static class BenchDatabase
{
    // States a referral of this run can settle in: booked, or stopped where an operator must look.
    private const string Settled = "'Scheduled', 'NeedsInfo', 'Linked'";

    public static async Task<Dictionary<string, long>> WaitUntilSettledAsync(string database, int expected, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var states = States(database);
            var settled = states.Where(s => Settled.Contains($"'{s.Key}'", StringComparison.Ordinal)).Sum(s => s.Value);
            var escalated = Scalar(database, "SELECT COUNT(DISTINCT referral_id) FROM referral_timeline WHERE event LIKE '%.escalated';");
            if (settled + escalated >= expected || waited.Elapsed > limit)
            {
                return states;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Per referral, milliseconds from its acceptance to its <c>referral.scheduled</c> entry.</summary>
    public static Percentiles AcceptedToScheduled(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.at - r.received_at FROM referrals r JOIN referral_timeline t ON t.referral_id = r.referral_id
            WHERE t.event = 'referral.scheduled';
            """;
        var values = new List<double>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                values.Add(reader.GetInt64(0));
            }
        }

        return Percentiles.Of(values);
    }

    /// <summary>The distinct reasons of escalations, with how many referrals each stopped (counts and rule names only).</summary>
    public static List<string> Escalations(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT event, detail, COUNT(*) FROM referral_timeline WHERE event LIKE '%.escalated' GROUP BY event, detail ORDER BY 3 DESC LIMIT 5;";
        using var reader = command.ExecuteReader();
        var reasons = new List<string>();
        while (reader.Read())
        {
            reasons.Add($"{reader.GetInt64(2)} x {reader.GetString(0)}: {(reader.IsDBNull(1) ? "" : reader.GetString(1))}");
        }

        return reasons;
    }

    private static Dictionary<string, long> States(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, COUNT(*) FROM referrals GROUP BY status;";
        using var reader = command.ExecuteReader();
        var states = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            states[reader.GetString(0)] = reader.GetInt64(1);
        }

        return states;
    }

    private static long Scalar(string database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}

internal sealed record Percentiles(double P50, double P95, double P99, int Count)
{
    public static Percentiles Of(List<double> values)
    {
        if (values.Count == 0)
        {
            return new Percentiles(double.NaN, double.NaN, double.NaN, 0);
        }

        values.Sort();
        return new Percentiles(At(0.50), At(0.95), At(0.99), values.Count);

        double At(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
    }
}
