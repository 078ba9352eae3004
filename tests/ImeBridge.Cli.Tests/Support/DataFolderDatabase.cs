using Microsoft.Data.Sqlite;

namespace ImeBridge.Cli.Tests.Support;

/// <summary>Reads <c>&lt;data&gt;/imebridge.db</c> straight from the file, read-only, while serve runs or after it stopped.</summary>
internal static class DataFolderDatabase
{
    public const string FileName = "imebridge.db";

    /// <summary>Rows of the referrals table; 0 while the database does not exist yet.</summary>
    public static long CountReferrals(string dataFolder) => Scalar(dataFolder, "SELECT COUNT(*) FROM referrals") ?? 0;

    public static long CountDistinctExternalIds(string dataFolder) => Scalar(dataFolder, "SELECT COUNT(DISTINCT external_id) FROM referrals") ?? 0;

    /// <summary>external id → referral id, for the referrals of <paramref name="partnerId"/>.</summary>
    public static Dictionary<string, string> ReferralIdsByExternalId(string dataFolder, string partnerId)
    {
        using var connection = Open(dataFolder);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT external_id, referral_id FROM referrals WHERE partner_id = $partner";
        command.Parameters.AddWithValue("$partner", partnerId);
        using var reader = command.ExecuteReader();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            ids.Add(reader.GetString(0), reader.GetString(1));
        }

        return ids;
    }

    private static long? Scalar(string dataFolder, string sql)
    {
        if (!File.Exists(Path.Combine(dataFolder, FileName)))
        {
            return null;
        }

        using var connection = Open(dataFolder);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1)
        {
            // "no such table": serve has created the file but not run its migrations yet.
            return null;
        }
    }

    private static SqliteConnection Open(string dataFolder)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
