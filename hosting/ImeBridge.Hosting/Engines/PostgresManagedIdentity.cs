using Azure.Core;
using Npgsql;

namespace ImeBridge.Hosting.Engines;

/// <summary>
/// Signs in to Azure Database for PostgreSQL with a Microsoft Entra token of the app's identity instead of a stored
/// password (<c>postgres:useManagedIdentity</c>): Npgsql asks for a fresh token in the background, well before the
/// previous one (about an hour) expires, and uses it as the password of each new physical connection.
/// </summary>
public static class PostgresManagedIdentity
{
    /// <summary>The token audience Azure Database for PostgreSQL accepts.</summary>
    public const string Scope = "https://ossrdbms-aad.database.windows.net/.default";

    /// <summary>Tokens live about an hour; a new one every 10 minutes keeps new connections far from expiry.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(10);

    /// <summary>After a failed attempt (the identity endpoint busy), try again soon.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);

    /// <summary>What <c>PostgresOptions.ConfigureDataSource</c> runs: the periodic password provider over <paramref name="credential"/>.</summary>
    public static Action<NpgsqlDataSourceBuilder> PasswordProvider(TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return builder => builder.UsePeriodicPasswordProvider(
            async (_, cancellationToken) => (await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken).ConfigureAwait(false)).Token,
            RefreshInterval,
            RetryInterval);
    }
}
