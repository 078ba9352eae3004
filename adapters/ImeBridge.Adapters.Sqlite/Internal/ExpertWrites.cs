using ImeBridge.Core.Experts;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>The expert directory's writes, run by the single writer inside one savepoint (so all or nothing).</summary>
internal static class ExpertWrites
{
    public static int Upsert(CachedCommands commands, IReadOnlyList<Expert> experts, long now)
    {
        foreach (var expert in experts)
        {
            if (commands.Get(ExpertSql.NpiOwner).Bind("$npi", expert.Npi).Bind("$expert_id", expert.ExpertId).ExecuteScalar() is string owner)
            {
                throw new InvalidOperationException(
                    $"Expert '{expert.ExpertId}' has the NPI already stored for expert '{owner}'; remove one of them or give them the same expert id.");
            }

            commands.Get(ExpertSql.Upsert)
                .Bind("$expert_id", expert.ExpertId)
                .Bind("$npi", expert.Npi)
                .Bind("$active", expert.Active ? 1 : 0)
                .Bind("$expert_json", ExpertJson.Serialize(expert))
                .Bind("$updated_at", now)
                .ExecuteNonQuery();
            commands.Get(ExpertSql.ClearStates).Bind("$expert_id", expert.ExpertId).ExecuteNonQuery();
            commands.Get(ExpertSql.ClearSpecialties).Bind("$expert_id", expert.ExpertId).ExecuteNonQuery();
            foreach (var state in expert.LicensedStates)
            {
                commands.Get(ExpertSql.AddState).Bind("$expert_id", expert.ExpertId).Bind("$state", state).ExecuteNonQuery();
            }

            foreach (var specialty in expert.Specialties)
            {
                commands.Get(ExpertSql.AddSpecialty).Bind("$expert_id", expert.ExpertId).Bind("$code", specialty.Code).ExecuteNonQuery();
            }
        }

        return experts.Count;
    }

    public static bool Remove(CachedCommands commands, string expertId)
    {
        commands.Get(ExpertSql.ClearStates).Bind("$expert_id", expertId).ExecuteNonQuery();
        commands.Get(ExpertSql.ClearSpecialties).Bind("$expert_id", expertId).ExecuteNonQuery();
        return commands.Get(ExpertSql.Delete).Bind("$expert_id", expertId).ExecuteNonQuery() > 0;
    }
}
