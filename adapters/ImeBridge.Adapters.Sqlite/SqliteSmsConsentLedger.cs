using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Core.Outbound.Consent;

namespace ImeBridge.Adapters.Sqlite;

/// <summary>
/// The SMS consent ledger in the <c>sms_consent_events</c> table of <see cref="SqliteDatabase"/>: append-only, written
/// through its single writer, the state of a number being its latest event. A retried callback (same number, kind and
/// source message) is recorded once.
/// </summary>
public sealed class SqliteSmsConsentLedger : ISmsConsentLedger
{
    private const string Insert = """
        INSERT INTO sms_consent_events (phone, kind, keyword, at, source_message_id, recorded_at)
        VALUES ($phone, $kind, $keyword, $at, $source, $recorded_at)
        ON CONFLICT DO NOTHING;
        """;

    private const string SelectLatest = "SELECT kind, at FROM sms_consent_events WHERE phone = $phone ORDER BY seq DESC LIMIT 1;";

    private const string SelectHistory = "SELECT kind, keyword, at, source_message_id FROM sms_consent_events WHERE phone = $phone ORDER BY seq;";

    private const string OptIn = "opt-in";
    private const string OptOut = "opt-out";

    private readonly SqliteDatabase database;
    private readonly TimeProvider time;

    public SqliteSmsConsentLedger(SqliteDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
    }

    public Task RecordAsync(string phoneE164, ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        ArgumentNullException.ThrowIfNull(consentEvent);
        return database.WriteAsync(
            (Phone: phoneE164, Event: consentEvent, RecordedAt: UnixTime.Now(time)),
            static (commands, state) => commands.Get(Insert)
                .Bind("$phone", state.Phone)
                .Bind("$kind", state.Event.Kind == ConsentKind.OptIn ? OptIn : OptOut)
                .Bind("$keyword", state.Event.Keyword)
                .Bind("$at", UnixTime.ToMilliseconds(state.Event.At))
                .Bind("$source", state.Event.SourceMessageId)
                .Bind("$recorded_at", state.RecordedAt)
                .ExecuteNonQuery(),
            cancellationToken);
    }

    public Task<SmsConsentState> GetAsync(string phoneE164, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = database.Read();
        using var reader = lease.Commands.Get(SelectLatest).Bind("$phone", phoneE164).ExecuteReader();
        if (!reader.Read())
        {
            return Task.FromResult(SmsConsentState.Unknown);
        }

        var status = reader.GetString(0) == OptIn ? SmsConsentStatus.OptedIn : SmsConsentStatus.OptedOut;
        return Task.FromResult(new SmsConsentState(status, UnixTime.FromMilliseconds(reader.GetInt64(1))));
    }

    public Task<IReadOnlyList<ConsentEvent>> HistoryAsync(string phoneE164, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = database.Read();
        using var reader = lease.Commands.Get(SelectHistory).Bind("$phone", phoneE164).ExecuteReader();
        var events = new List<ConsentEvent>();
        while (reader.Read())
        {
            events.Add(new ConsentEvent(
                reader.GetString(0) == OptIn ? ConsentKind.OptIn : ConsentKind.OptOut,
                reader.GetString(1),
                UnixTime.FromMilliseconds(reader.GetInt64(2)),
                reader.GetNullableString(3)));
        }

        return Task.FromResult<IReadOnlyList<ConsentEvent>>(events);
    }
}
