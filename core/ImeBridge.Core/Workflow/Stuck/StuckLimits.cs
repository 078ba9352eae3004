using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace ImeBridge.Core.Workflow.Stuck;

/// <summary>
/// The limits of <c>Workflow/Data/stuck-limits.json</c> (embedded): per open state, how long a referral may stay before
/// it counts as stuck. Data, not code, so the figures and their reasons are reviewed in one place. Loading checks that
/// every open state of <see cref="WorkflowTransitions"/> has exactly one entry.
/// </summary>
public static class StuckLimits
{
    public const string ResourceName = "ImeBridge.Workflow.stuck-limits.json";

    private static readonly Lazy<IReadOnlyList<StuckLimit>> Table = new(Load);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Every open state's entry, in the table's order.</summary>
    public static IReadOnlyList<StuckLimit> All => Table.Value;

    /// <summary>The states that are swept, with their limits.</summary>
    public static IEnumerable<StuckLimit> Swept => All.Where(l => l.Limit is not null);

    /// <summary>The open states: those that may still move (Cancelled may follow every one of them).</summary>
    public static IEnumerable<string> OpenStates =>
        WorkflowTransitions.States.Where(s => WorkflowTransitions.WhyNot(s, ReferralStatus.Cancelled) is null);

    private static List<StuckLimit> Load()
    {
        using var stream = typeof(StuckLimits).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded");
        var file = JsonSerializer.Deserialize<FileShape>(stream, Json)
            ?? throw new InvalidOperationException($"{ResourceName} is empty");
        var limits = file.Limits.Select(Parse).ToList();

        var open = OpenStates.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        problems.AddRange(limits.GroupBy(l => l.Status, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} appears {g.Count()} times"));
        problems.AddRange(limits.Where(l => !open.Contains(l.Status)).Select(l => $"{l.Status} is not an open workflow state"));
        problems.AddRange(open.Where(s => limits.All(l => l.Status != s)).Select(s => $"{s} has no entry"));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{ResourceName}: " + string.Join("; ", problems));
        }

        return limits;
    }

    private static StuckLimit Parse(Entry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.Why))
        {
            throw new InvalidOperationException($"{ResourceName}: {entry.Status} needs a why");
        }

        if (entry.Limit is null)
        {
            return new StuckLimit(entry.Status, null, entry.Why);
        }

        TimeSpan limit;
        try
        {
            limit = XmlConvert.ToTimeSpan(entry.Limit);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"{ResourceName}: {entry.Status} limit '{entry.Limit}' is not an ISO 8601 duration", ex);
        }

        return limit > TimeSpan.Zero
            ? new StuckLimit(entry.Status, limit, entry.Why)
            : throw new InvalidOperationException($"{ResourceName}: {entry.Status} limit must be positive");
    }

    private sealed record FileShape([property: JsonRequired] List<Entry> Limits);

    private sealed record Entry([property: JsonRequired] string Status, string? Limit, string Why);
}
