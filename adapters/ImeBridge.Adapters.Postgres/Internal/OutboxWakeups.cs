using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>
/// Wakes the idle outbox relay as soon as any process commits outbox rows: the writer issues
/// <c>NOTIFY imebridge_outbox</c> in its transaction (delivered on commit only), and this keeps one connection of the
/// database's pool listening on that channel. Without it each message of a referral's chain waits half a poll interval
/// on average before it is relayed. The poll interval stays as the fallback: while the listening connection is down
/// (logged by exception type only) the relay polls, and this reconnects with back-off. A wake-up that arrives while
/// the relay is in a round is kept, so the relay runs again at once.
/// </summary>
internal sealed class OutboxWakeups : IAsyncDisposable
{
    /// <summary>The channel every outbox writer notifies; constant, and the notifications carry no payload.</summary>
    public const string Channel = "imebridge_outbox";

    /// <summary>Issued by outbox writers inside their transaction; PostgreSQL collapses repeats within one transaction.</summary>
    public const string Notify = "NOTIFY " + Channel + ";";

    /// <summary>Names the listening session in <c>pg_stat_activity</c>, so an operator can tell it from pooled work.</summary>
    public const string ApplicationName = "imebridge-outbox-listener";

    private const string Listen = "SET application_name = '" + ApplicationName + "'; LISTEN " + Channel + ";";

    private const string Unlisten = "UNLISTEN *; RESET application_name;";

    /// <summary>How long the listener waits for a notification before it checks that its connection is still alive.</summary>
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(30);

    private readonly NpgsqlDataSource dataSource;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Channel<bool> pending = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly CancellationTokenSource stopping = new();
    private Task listening = Task.CompletedTask;
    private int disposed;

    public OutboxWakeups(NpgsqlDataSource dataSource, TimeProvider time, ILogger logger)
    {
        this.dataSource = dataSource;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The first wait after a failure of the listening connection; it doubles per failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan FirstReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Starts listening in the background; failures never escape, they fall back to polling.</summary>
    public void Start() => listening = Task.Run(() => ListenAsync(stopping.Token));

    /// <summary>
    /// Returns when a wake-up came (at once if one came since the last wait, e.g. during the relay's round), when
    /// <paramref name="pollInterval"/> passed, or throws when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        if (pending.Reader.TryRead(out _))
        {
            return;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = pending.Reader.WaitToReadAsync(either.Token).AsTask();
        var polled = Task.Delay(pollInterval, time, either.Token);
        await Task.WhenAny(woken, polled).ConfigureAwait(false);
        await either.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        pending.Reader.TryRead(out _);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await listening.ConfigureAwait(false);
        stopping.Dispose();
    }

    private void Wake() => pending.Writer.TryWrite(true);

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand(Listen, connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (failures > 0)
                {
                    logger.LogInformation("Outbox wake-ups listening again after {Failures} failed attempts", failures);
                }

                failures = 0;

                // Rows committed while nobody listened (start-up, an outage) get a round now rather than after a poll.
                Wake();
                try
                {
                    await WaitForNotificationsAsync(connection, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await StopListeningAsync(connection).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var wait = TimeSpan.FromTicks(Math.Min(MaxReconnectDelay.Ticks, FirstReconnectDelay.Ticks * (1L << Math.Min(failures - 1, 20))));

                // The exception type only: a server message may quote a statement.
                logger.LogWarning(
                    "Outbox wake-ups lost their listening connection with {ExceptionType} ({Failures} in a row); the relay polls until it reconnects in {RetryAfter}",
                    ex.GetType().Name,
                    failures,
                    wait);
                await Task.Delay(wait, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Before the connection goes back to the pool: an idle pooled connection still listening would never read its
    /// notifications, and PostgreSQL keeps every notification until all listeners have read it.
    /// </summary>
    private static async Task StopListeningAsync(NpgsqlConnection connection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var unlisten = new NpgsqlCommand(Unlisten, connection);
            await unlisten.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // Broken as well: the pool drops it, and the server's session with its LISTEN is gone.
        }
    }

    private static async Task WaitForNotificationsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await connection.WaitAsync(KeepAliveInterval, cancellationToken).ConfigureAwait(false))
            {
                // Quiet for a while: a round trip finds a connection that died without the server saying so.
                await using var ping = new NpgsqlCommand("SELECT 1;", connection);
                await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
