using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Outbound.Consent;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// The SMS consent ledger in the <c>sms_consent_events</c> table of <see cref="PostgresDatabase"/>: append-only, the
/// state of a number being its latest event (highest <c>seq</c>). A retried callback (same number, kind and source
/// message), even one taken by another process at the same moment, is recorded once.
/// </summary>
public sealed class PostgresSmsConsentLedger : ISmsConsentLedger
{
    private const string Insert = """
        INSERT INTO sms_consent_events (phone, kind, keyword, at, source_message_id, recorded_at)
        VALUES (@phone, @kind, @keyword, @at, @source, @recorded_at)
        ON CONFLICT DO NOTHING;
        """;

    private const string SelectLatest = "SELECT kind, at FROM sms_consent_events WHERE phone = @phone ORDER BY seq DESC LIMIT 1;";

    private const string SelectHistory = "SELECT kind, keyword, at, source_message_id FROM sms_consent_events WHERE phone = @phone ORDER BY seq;";

    private const string OptIn = "opt-in";
    private const string OptOut = "opt-out";

    private readonly PostgresDatabase database;
    private readonly TimeProvider time;

    public PostgresSmsConsentLedger(PostgresDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
    }

    public async Task RecordAsync(string phoneE164, ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        ArgumentNullException.ThrowIfNull(consentEvent);
        await using var command = database.DataSource.CreateCommand(Insert)
            .Text("phone", phoneE164)
            .Text("kind", consentEvent.Kind == ConsentKind.OptIn ? OptIn : OptOut)
            .Text("keyword", consentEvent.Keyword)
            .Instant("at", consentEvent.At)
            .Text("source", consentEvent.SourceMessageId)
            .Instant("recorded_at", StoredInstant.Now(time));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<SmsConsentState> GetAsync(string phoneE164, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        await using var command = database.DataSource.CreateCommand(SelectLatest).Text("phone", phoneE164);
        return await command.ReadFirstAsync(
            static reader => new SmsConsentState(
                reader.GetString(0) == OptIn ? SmsConsentStatus.OptedIn : SmsConsentStatus.OptedOut,
                StoredInstant.Read(reader, 1)),
            cancellationToken) ?? SmsConsentState.Unknown;
    }

    public async Task<IReadOnlyList<ConsentEvent>> HistoryAsync(string phoneE164, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        await using var command = database.DataSource.CreateCommand(SelectHistory).Text("phone", phoneE164);
        return await command.ReadAllAsync(
            static reader => new ConsentEvent(
                reader.GetString(0) == OptIn ? ConsentKind.OptIn : ConsentKind.OptOut,
                reader.GetString(1),
                StoredInstant.Read(reader, 2),
                reader.GetNullableString(3)),
            cancellationToken);
    }
}
