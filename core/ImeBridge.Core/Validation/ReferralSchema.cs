using System.Text.Json;
using Json.Schema;

namespace ImeBridge.Core.Validation;

/// <summary>
/// schemas/referral.v1.schema.json, embedded in this assembly, built once. Validation asserts <c>format</c>
/// (dates, date-times, emails) as well as the patterns. The hot path asks the compiled
/// <see cref="FastSchemaNode"/> (tens of microseconds, no allocation); only when it says no does JsonSchema.Net,
/// the reference, evaluate in full: it has the last word and explains every error.
/// </summary>
internal sealed class ReferralSchema
{
    public const string ResourceName = "referral.v1.schema.json";

    private static readonly EvaluationOptions FlagOptions = new()
    {
        OutputFormat = OutputFormat.Flag,
        RequireFormatValidation = true,
    };

    private static readonly EvaluationOptions DetailedOptions = new()
    {
        OutputFormat = OutputFormat.Hierarchical,
        RequireFormatValidation = true,
    };

    private static readonly Lazy<ReferralSchema> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private ReferralSchema(string text)
    {
        Text = text;
        using (var document = JsonDocument.Parse(text))
        {
            Document = document.RootElement.Clone();
        }

        // A registry of its own: loading the same $id elsewhere in the process (a test, a tool) must not collide.
        Schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        Shape = ShapeBuilder.Build(Document);
        Fast = FastSchemaCompiler.TryCompile(Document);
    }

    public static ReferralSchema Instance => Loaded.Value;

    /// <summary>The schema text exactly as shipped.</summary>
    public string Text { get; }

    public JsonElement Document { get; }

    public JsonSchema Schema { get; }

    public ShapeNode Shape { get; }

    /// <summary>The compiled validator; null when the schema uses a keyword it does not compile.</summary>
    public FastSchemaNode? Fast { get; }

    /// <summary>Adds one error per failing field; adds nothing for a valid instance.</summary>
    public void Validate(JsonElement instance, ErrorCollector errors)
    {
        var valid = Fast is { } fast ? fast.IsValid(instance) : Schema.Evaluate(instance, FlagOptions).IsValid;
        if (valid)
        {
            return;
        }

        // The compiled validator is stricter where it cannot be exact; the reference then decides.
        var detailed = Schema.Evaluate(instance, DetailedOptions);
        if (!detailed.IsValid)
        {
            SchemaErrorMapper.Collect(detailed, Document, instance, errors);
        }
    }

    private static ReferralSchema Load()
    {
        using var stream = typeof(ReferralSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from ImeBridge.Core");
        using var reader = new StreamReader(stream);
        return new ReferralSchema(reader.ReadToEnd());
    }
}
