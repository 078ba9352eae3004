using System.Text.Json;

namespace ImeBridge.Core.Workflow.Documents;

/// <summary>
/// Which documents an exam needs before it can be scheduled (<c>Data/checklist.json</c>: rules by exam type, reason,
/// line of business and referrer kind, each with the reasoning), and what the cover sheet asks the examiner to emphasise.
/// </summary>
public sealed class DocumentChecklist
{
    public const string ResourceName = "ImeBridge.Documents.checklist.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly ChecklistData data;

    private DocumentChecklist(ChecklistData data)
    {
        this.data = data;
    }

    /// <summary>The checklist shipped in this assembly.</summary>
    public static DocumentChecklist Embedded { get; } = FromStream(
        typeof(DocumentChecklist).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from ImeBridge.Core"));

    public IReadOnlyList<ChecklistRule> Rules => data.Rules;

    /// <summary>Reads and checks a checklist: every rule has an id, a known kind, a description and at least one condition.</summary>
    public static DocumentChecklist FromStream(Stream json)
    {
        ChecklistData? read;
        try
        {
            read = JsonSerializer.Deserialize<ChecklistData>(json, JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException("document checklist: " + exception.Message, exception);
        }

        if (read?.Rules is not { Count: > 0 } || read.Emphasis?.ByReason is null)
        {
            throw new InvalidOperationException("document checklist: rules and emphasis are required");
        }

        foreach (var rule in read.Rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Id) || string.IsNullOrWhiteSpace(rule.Description) || rule.RequiredWhen is not { Count: > 0 })
            {
                throw new InvalidOperationException($"document checklist: rule '{rule.Id}' needs an id, a description and requiredWhen");
            }

            if (!DocumentKinds.IsKnown(rule.Kind))
            {
                throw new InvalidOperationException($"document checklist: rule '{rule.Id}' names kind '{rule.Kind}', not one of {string.Join(", ", DocumentKinds.All)}");
            }
        }

        if (read.Rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new InvalidOperationException($"document checklist: rule id '{duplicate.Key}' is used twice");
        }

        return new DocumentChecklist(read);
    }

    /// <summary>The kinds <paramref name="referral"/> needs, in the order of <see cref="DocumentKinds.All"/>.</summary>
    public IReadOnlyList<RequiredDocument> RequiredFor(Model.Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var matched = data.Rules.Where(r => r.RequiredWhen.Any(c => c.Matches(referral))).ToList();
        return [.. DocumentKinds.All
            .Select(kind => new RequiredDocument(kind, [.. matched.Where(r => r.Kind == kind).Select(r => r.Id)]))
            .Where(r => r.RuleIds.Count > 0)];
    }

    /// <summary>The checklist of <paramref name="referral"/> against the kinds of the documents at hand.</summary>
    public ChecklistResult Evaluate(Model.Referral referral, IEnumerable<string> presentKinds)
    {
        ArgumentNullException.ThrowIfNull(presentKinds);
        var present = presentKinds.Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var required = RequiredFor(referral);
        return new ChecklistResult(
            required,
            [.. DocumentKinds.All.Where(present.Contains)],
            [.. required.Select(r => r.Kind).Where(k => !present.Contains(k))]);
    }

    /// <summary>What the cover sheet asks the examiner to emphasise, by the reason for the exam.</summary>
    public string EmphasisFor(string? reason) =>
        reason is not null && data.Emphasis.ByReason.TryGetValue(reason, out var text) ? text : data.Emphasis.Default;
}
