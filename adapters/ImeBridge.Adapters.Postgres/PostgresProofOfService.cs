using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Outbound.ReportDelivery;
using Npgsql;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// <see cref="IProofOfServiceStore"/> in the <c>report_service</c> table. The first download of a link is recorded by
/// a conditional update, so two downloads at once (in one process or two) record one receipt. An operator's later
/// attempts on a recipient are rows of their own; <c>served_by</c> (migration 0028) names who served one by hand.
/// </summary>
public sealed class PostgresProofOfService(PostgresDatabase database) : IProofOfServiceStore
{
    private const string Columns = """
        message_id, referral_id, report_sha256, report_version, role, role_index, name, organization, channel, address,
        required, status, planned_at, sent_at, receipt_at, receipt_kind, provider_id, detail, link_id, link_expires_at, downloaded_at,
        served_by
        """;

    private const string Insert = $"""
        INSERT INTO report_service ({Columns})
        VALUES (@id, @referral, @sha, @version, @role, @index, @name, @organization, @channel, @address,
                @required, @status, @planned, @sent, @receipt, @kind, @provider, @detail, @link, @expires, @downloaded,
                @servedBy)
        ON CONFLICT (message_id) DO NOTHING;
        """;

    private const string Update = """
        UPDATE report_service
        SET status = @status, sent_at = @sent, receipt_at = @receipt, receipt_kind = @kind, provider_id = @provider,
            detail = @detail, link_id = @link, link_expires_at = @expires, downloaded_at = @downloaded, served_by = @servedBy
        WHERE message_id = @id;
        """;

    private const string Download = """
        UPDATE report_service
        SET downloaded_at = @at, receipt_at = @at, receipt_kind = 'downloaded', status = 'served'
        WHERE link_id = @link AND downloaded_at IS NULL;
        """;

    private const string SelectById = $"SELECT {Columns} FROM report_service WHERE message_id = @id;";

    private const string SelectByLink = $"SELECT {Columns} FROM report_service WHERE link_id = @link;";

    private const string SelectByReferral = $"SELECT {Columns} FROM report_service WHERE referral_id = @referral ORDER BY planned_at, seq;";

    public async Task<bool> AddAsync(ServiceRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var command = BindMutable(database.DataSource.CreateCommand(Insert), record)
            .Text("referral", record.ReferralId)
            .Text("sha", record.ReportSha256)
            .Integer("version", record.ReportVersion)
            .Text("role", record.Role)
            .Integer("index", record.Index)
            .Text("name", record.Name)
            .Text("organization", record.Organization)
            .Text("channel", record.Channel)
            .Text("address", record.Address)
            .Boolean("required", record.Required)
            .Instant("planned", record.PlannedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> UpdateAsync(ServiceRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var command = BindMutable(database.DataSource.CreateCommand(Update), record);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RecordDownloadAsync(string linkId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(linkId);
        await using var command = database.DataSource.CreateCommand(Download).Text("link", linkId).Instant("at", at);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<ServiceRecord?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        await using var command = database.DataSource.CreateCommand(SelectById).Text("id", messageId);
        return await command.ReadFirstAsync(Row, cancellationToken);
    }

    public async Task<ServiceRecord?> FindByLinkAsync(string linkId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(linkId);
        await using var command = database.DataSource.CreateCommand(SelectByLink).Text("link", linkId);
        return await command.ReadFirstAsync(Row, cancellationToken);
    }

    public async Task<IReadOnlyList<ServiceRecord>> ListAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        await using var command = database.DataSource.CreateCommand(SelectByReferral).Text("referral", referralId);
        return await command.ReadAllAsync(Row, cancellationToken);
    }

    private static NpgsqlCommand BindMutable(NpgsqlCommand command, ServiceRecord r) => command
        .Text("id", r.MessageId)
        .Text("status", r.Status)
        .Instant("sent", r.SentAt)
        .Instant("receipt", r.ReceiptAt)
        .Text("kind", r.ReceiptKind)
        .Text("provider", r.ProviderId)
        .Text("detail", r.Detail)
        .Text("link", r.LinkId)
        .Instant("expires", r.LinkExpiresAt)
        .Instant("downloaded", r.DownloadedAt)
        .Text("servedBy", r.ServedBy);

    private static ServiceRecord Row(NpgsqlDataReader reader) => new(
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
        Required: reader.GetBoolean(10),
        Status: reader.GetString(11),
        PlannedAt: StoredInstant.Read(reader, 12),
        SentAt: StoredInstant.ReadNullable(reader, 13),
        ReceiptAt: StoredInstant.ReadNullable(reader, 14),
        ReceiptKind: reader.GetNullableString(15),
        ProviderId: reader.GetNullableString(16),
        Detail: reader.GetNullableString(17),
        LinkId: reader.GetNullableString(18),
        LinkExpiresAt: StoredInstant.ReadNullable(reader, 19),
        DownloadedAt: StoredInstant.ReadNullable(reader, 20),
        ServedBy: reader.GetNullableString(21));
}
