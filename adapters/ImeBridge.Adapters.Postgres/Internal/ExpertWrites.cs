using ImeBridge.Core.Experts;
using Npgsql;
using NpgsqlTypes;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>The expert directory's writes, each inside the caller's transaction (so all or nothing).</summary>
internal static class ExpertWrites
{
    public static async Task UpsertAsync(NpgsqlConnection connection, IReadOnlyList<Expert> experts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var expert in experts)
        {
            await using (var owner = new NpgsqlCommand(ExpertSql.NpiOwner, connection).Text("npi", expert.Npi).Text("expert_id", expert.ExpertId))
            {
                if (await owner.ExecuteScalarAsync(cancellationToken) is string ownerId)
                {
                    throw NpiTaken(expert.ExpertId, ownerId);
                }
            }

            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(Command(ExpertSql.Upsert, expert.ExpertId)
                .Text("npi", expert.Npi)
                .Boolean("active", expert.Active)
                .Jsonb("expert_json", ExpertJson.Serialize(expert))
                .Instant("updated_at", now));
            batch.BatchCommands.Add(Command(ExpertSql.ClearStates, expert.ExpertId));
            batch.BatchCommands.Add(Command(ExpertSql.ClearSpecialties, expert.ExpertId));
            batch.BatchCommands.Add(Command(ExpertSql.AddStates, expert.ExpertId).TextArray("states", [.. expert.LicensedStates]));
            batch.BatchCommands.Add(Command(ExpertSql.AddSpecialties, expert.ExpertId).TextArray("codes", [.. expert.Specialties.Select(s => s.Code)]));
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.IsUniqueViolation("experts_by_npi"))
            {
                // Another process stored the NPI under another id between the check and the write.
                throw new InvalidOperationException(
                    $"Expert '{expert.ExpertId}' has an NPI that was just stored for another expert id; remove one of them or give them the same expert id.",
                    e);
            }
        }
    }

    public static async Task<bool> RemoveAsync(NpgsqlConnection connection, string expertId, CancellationToken cancellationToken)
    {
        // The side tables go with the expert (ON DELETE CASCADE).
        await using var delete = new NpgsqlCommand(ExpertSql.Delete, connection).Text("expert_id", expertId);
        return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static InvalidOperationException NpiTaken(string expertId, string ownerId) =>
        new($"Expert '{expertId}' has the NPI already stored for expert '{ownerId}'; remove one of them or give them the same expert id.");

    private static NpgsqlBatchCommand Command(string sql, string expertId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("expert_id", NpgsqlDbType.Text) { Value = expertId });
        return command;
    }

    private static NpgsqlBatchCommand Text(this NpgsqlBatchCommand command, string name, string value) => command.With(name, NpgsqlDbType.Text, value);

    private static NpgsqlBatchCommand Boolean(this NpgsqlBatchCommand command, string name, bool value) => command.With(name, NpgsqlDbType.Boolean, value);

    private static NpgsqlBatchCommand Jsonb(this NpgsqlBatchCommand command, string name, string value) => command.With(name, NpgsqlDbType.Jsonb, value);

    private static NpgsqlBatchCommand Instant(this NpgsqlBatchCommand command, string name, DateTimeOffset value) => command.With(name, NpgsqlDbType.TimestampTz, value);

    private static NpgsqlBatchCommand TextArray(this NpgsqlBatchCommand command, string name, string[] values) =>
        command.With(name, NpgsqlDbType.Array | NpgsqlDbType.Text, values);

    private static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, NpgsqlDbType type, object value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return command;
    }
}
