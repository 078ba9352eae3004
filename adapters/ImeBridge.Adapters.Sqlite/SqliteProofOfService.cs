using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Core.Outbound.ReportDelivery;
using Microsoft.Data.Sqlite;

namespace ImeBridge.Adapters.Sqlite;

/// <summary>
/// <see cref="IProofOfServiceStore"/> in the <c>report_service</c> table, written through the single writer. The first
/// download of a link is recorded by a conditional update, so two downloads at once record one receipt. An operator's
/// later attempts on a recipient are rows of their own; <c>served_by</c> (migration 0013) names who served one by hand.
/// </summary>
public sealed class SqliteProofOfService(SqliteDatabase database) : IProofOfServiceStore
{
    private const string Columns = """
        message_id, referral_id, report_sha256, report_version, role, role_index, name, organization, channel, address,
        required, status, planned_at, sent_at, receipt_at, receipt_kind, provider_id, detail, link_id, link_expires_at, downloaded_at,
        served_by
        """;

    private const string Insert = $"""
        INSERT INTO report_service ({Columns})
        VALUES ($id, $referral, $sha, $version, $role, $index, $name, $organization, $channel, $address,
                $required, $status, $planned, $sent, $receipt, $kind, $provider, $detail, $link, $expires, $downloaded,
                $servedBy)
        ON CONFLICT (message_id) DO NOTHING;
        """;

    private const string Update = """
        UPDATE report_service
        SET status = $status, sent_at = $sent, receipt_at = $receipt, receipt_kind = $kind, provider_id = $provider,
            detail = $detail, link_id = $link, link_expires_at = $expires, downloaded_at = $downloaded, served_by = $servedBy
        WHERE message_id = $id;
        """;

    private const string Download = """
        UPDATE report_service
        SET downloaded_at = $at, receipt_at = $at, receipt_kind = 'downloaded', status = 'served'
        WHERE link_id = $link AND downloaded_at IS NULL;
        """;

    private const string SelectById = $"SELECT {Columns} FROM report_service WHERE message_id = $id;";

    private const string SelectByLink = $"SELECT {Columns} FROM report_service WHERE link_id = $link;";

    private const string SelectByReferral = $"SELECT {Columns} FROM report_service WHERE referral_id = $referral ORDER BY planned_at, rowid;";

    public Task<bool> AddAsync(ServiceRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.WriteAsync(
            record,
            static (commands, r) => BindMutable(commands.Get(Insert), r)
                .Bind("$referral", r.ReferralId)
                .Bind("$sha", r.ReportSha256)
                .Bind("$version", r.ReportVersion)
                .Bind("$role", r.Role)
                .Bind("$index", r.Index)
                .Bind("$name", r.Name)
                .Bind("$organization", r.Organization)
                .Bind("$channel", r.Channel)
                .Bind("$address", r.Address)
                .Bind("$required", r.Required ? 1 : 0)
                .Bind("$planned", UnixTime.ToMilliseconds(r.PlannedAt))
                .ExecuteNonQuery() == 1,
            cancellationToken);
    }

    public Task<bool> UpdateAsync(ServiceRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.WriteAsync(record, static (commands, r) => BindMutable(commands.Get(Update), r).ExecuteNonQuery() == 1, cancellationToken);
    }

    public Task<bool> RecordDownloadAsync(string linkId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(linkId);
        return database.WriteAsync(
            (Link: linkId, At: UnixTime.ToMilliseconds(at)),
            static (commands, state) => commands.Get(Download).Bind("$link", state.Link).Bind("$at", state.At).ExecuteNonQuery() == 1,
            cancellationToken);
    }

    public Task<ServiceRecord?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        using var lease = database.Read();
        return Task.FromResult(ReadOne(lease.Commands.Get(SelectById).Bind("$id", messageId)));
    }

    public Task<ServiceRecord?> FindByLinkAsync(string linkId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(linkId);
        using var lease = database.Read();
        return Task.FromResult(ReadOne(lease.Commands.Get(SelectByLink).Bind("$link", linkId)));
    }

    public Task<IReadOnlyList<ServiceRecord>> ListAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        using var lease = database.Read();
        using var reader = lease.Commands.Get(SelectByReferral).Bind("$referral", referralId).ExecuteReader();
        var records = new List<ServiceRecord>();
        while (reader.Read())
        {
            records.Add(Row(reader));
        }

        return Task.FromResult<IReadOnlyList<ServiceRecord>>(records);
    }

    private static SqliteCommand BindMutable(SqliteCommand command, ServiceRecord r) => command
        .Bind("$id", r.MessageId)
        .Bind("$status", r.Status)
        .Bind("$sent", Millis(r.SentAt))
        .Bind("$receipt", Millis(r.ReceiptAt))
        .Bind("$kind", r.ReceiptKind)
        .Bind("$provider", r.ProviderId)
        .Bind("$detail", r.Detail)
        .Bind("$link", r.LinkId)
        .Bind("$expires", Millis(r.LinkExpiresAt))
        .Bind("$downloaded", Millis(r.DownloadedAt))
        .Bind("$servedBy", r.ServedBy);

    private static long? Millis(DateTimeOffset? at) => at is { } value ? UnixTime.ToMilliseconds(value) : null;

    private static DateTimeOffset? Instant(SqliteDataReader reader, int ordinal) =>
        reader.GetNullableInt64(ordinal) is { } ms ? UnixTime.FromMilliseconds(ms) : null;

    private static ServiceRecord? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? Row(reader) : null;
    }

    private static ServiceRecord Row(SqliteDataReader reader) => new(
        MessageId: reader.GetString(0),
        ReferralId: reader.GetString(1),
        ReportSha256: reader.GetString(2),
        ReportVersion: reader.GetInt32(3),
        Role: reader.GetString(4),
        Index: reader.GetInt32(5),
        Name: reader.GetNullableString(6),
        Organization: reader.GetNullableString(7),
        Channel: reader.GetNullableString(8),
        Address: reader.GetNullableString(9),
        Required: reader.GetInt64(10) != 0,
        Status: reader.GetString(11),
        PlannedAt: UnixTime.FromMilliseconds(reader.GetInt64(12)),
        SentAt: Instant(reader, 13),
        ReceiptAt: Instant(reader, 14),
        ReceiptKind: reader.GetNullableString(15),
        ProviderId: reader.GetNullableString(16),
        Detail: reader.GetNullableString(17),
        LinkId: reader.GetNullableString(18),
        LinkExpiresAt: Instant(reader, 19),
        DownloadedAt: Instant(reader, 20),
        ServedBy: reader.GetNullableString(21));
}
