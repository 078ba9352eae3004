using System.Text.Json;
using System.Text.Json.Nodes;
using ImeBridge.Core.Json;
using ImeBridge.Core.Tests.Support;
using ImeBridge.Core.Validation;
using Json.Schema;

namespace ImeBridge.Core.Tests.Schema;

/// <summary>
/// The compiled validator answers the hot path; JsonSchema.Net is the reference. They must agree, except that
/// the compiled one may be stricter (never more lenient) where it cannot be exact: then the reference decides.
/// </summary>
public sealed class FastSchemaTests
{
    private static readonly EvaluationOptions Reference = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };

    private static readonly JsonNode?[] Replacements =
    [
        null, 42, 1.5, -1, "", " ", "x", true, new JsonArray(), new JsonObject(), new JsonArray("x"), new JsonObject { ["x"] = 1 },
    ];

    [Fact]
    public void The_shipped_schema_compiles_to_the_fast_validator()
    {
        Assert.NotNull(ReferralSchema.Instance.Fast);
    }

    [Fact]
    public void A_schema_with_a_keyword_it_does_not_know_is_left_to_the_reference()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","if":{"required":["a"]},"then":{"required":["b"]}}""");

        Assert.Null(FastSchemaCompiler.TryCompile(schema.RootElement));
    }

    [Fact]
    public void Agrees_with_the_reference_on_every_generic_mutation_of_every_field()
    {
        var canonical = Canonical();
        var disagreements = new List<string>();
        var checkedCount = 0;

        foreach (var (pointer, mutate) in Mutations(canonical))
        {
            var copy = canonical.DeepClone();
            mutate(copy);
            var (fast, reference) = Evaluate(copy);
            checkedCount++;
            if (fast != reference)
            {
                disagreements.Add($"{pointer}: fast={fast} reference={reference}");
            }
        }

        Assert.True(checkedCount > 1000, $"only {checkedCount} mutations");
        Assert.Empty(disagreements);
    }

    [Theory]
    [InlineData("a@b.co", true)]
    [InlineData("first.last+tag@sub.example.org", true)]
    [InlineData("o'brien@example.com", true)]
    [InlineData("a@b", false)]
    [InlineData("a..b@example.com", false)]
    [InlineData(".a@example.com", false)]
    [InlineData("@example.com", false)]
    [InlineData("a@example..com", false)]
    [InlineData("a b@example.com", false)]
    [InlineData("a@-example.com", false)]
    [InlineData("\"quoted\"@example.com", false)]
    [InlineData("a@[127.0.0.1]", false)]
    public void Emails_it_accepts_the_reference_accepts_too(string email, bool fastAccepts)
    {
        var copy = Canonical();
        copy["claimant"]!["email"] = email;

        var (fast, reference) = Evaluate(copy);

        Assert.Equal(fastAccepts, fast);
        Assert.True(!fast || reference, "the compiled validator must never be more lenient than the reference");
    }

    [Theory]
    [InlineData("2026-03-02T14:05:00Z")]
    [InlineData("2026-03-02T14:05:00.1234567Z")]
    [InlineData("2026-03-02T14:05:00+01:00")]
    [InlineData("2026-02-30T14:05:00Z")]
    [InlineData("2026-03-02T25:05:00Z")]
    [InlineData("2026-03-02 14:05:00Z")]
    [InlineData("2026-03-02T14:05:00.123456789Z")]
    public void Date_times_it_accepts_the_reference_accepts_too(string instant)
    {
        var copy = Canonical();
        copy["source"]!["receivedAt"] = instant;

        var (fast, reference) = Evaluate(copy);

        Assert.True(!fast || reference);
    }

    [Theory]
    [InlineData("Ren\u00e9e")]
    [InlineData("\u00c5sa \u00d8stergaard")]
    [InlineData("\ud83d\ude00")]
    [InlineData("quote \" and backslash \\")]
    public void Escaped_and_non_ascii_text_is_read_like_the_reference(string name)
    {
        var copy = Canonical();
        copy["claimant"]!["firstName"] = name;

        Assert.Equal((true, true), Evaluate(copy));
    }

    private static (bool Fast, bool Reference) Evaluate(JsonNode instance)
    {
        using var document = JsonDocument.Parse(instance.ToJsonString());
        return (
            ReferralSchema.Instance.Fast!.IsValid(document.RootElement),
            ReferralSchema.Instance.Schema.Evaluate(document.RootElement, Reference).IsValid);
    }

    private static JsonNode Canonical()
    {
        var referral = Fixtures.Reader().Read(Fixtures.SampleBytes(), Fixtures.Webhook).Referral!;
        referral.Request.DueDate = new DateOnly(2026, 7, 1);
        referral.Source.ReceivedAt = Fixtures.Now;
        referral.Source.OriginalDocument = new Core.Model.DocumentRef(new string('a', 64), 4043, "application/json", "local:aa");
        return JsonNode.Parse(ReferralJson.Serialize(referral))!;
    }

    /// <summary>For every value in the document: replace it with each of a set of values, remove it, and add an unknown sibling.</summary>
    private static IEnumerable<(string Pointer, Action<JsonNode> Mutate)> Mutations(JsonNode root)
    {
        foreach (var (pointer, _) in Walk(root, ""))
        {
            if (pointer.Length == 0)
            {
                continue;
            }

            for (var i = 0; i < Replacements.Length; i++)
            {
                var replacement = Replacements[i];
                yield return ($"{pointer} = {replacement?.ToJsonString() ?? "null"}", copy => Set(copy, pointer, replacement?.DeepClone()));
            }

            yield return ($"{pointer} removed", copy => Remove(copy, pointer));
        }

        foreach (var (pointer, node) in Walk(root, ""))
        {
            if (node is JsonObject)
            {
                yield return ($"{pointer}/unknownField added", copy => ((JsonObject)Find(copy, pointer)!)["unknownField"] = 1);
            }
        }
    }

    private static IEnumerable<(string Pointer, JsonNode? Node)> Walk(JsonNode? node, string pointer)
    {
        yield return (pointer, node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    foreach (var found in Walk(child, $"{pointer}/{name}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Walk(array[i], $"{pointer}/{i}"))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    private static JsonNode? Find(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonArray array ? array[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)] : node![segment];
        }

        return node;
    }

    private static void Set(JsonNode root, string pointer, JsonNode? value)
    {
        var cut = pointer.LastIndexOf('/');
        var parent = Find(root, pointer[..cut]);
        var last = pointer[(cut + 1)..];
        if (parent is JsonArray array)
        {
            array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent![last] = value;
        }
    }

    private static void Remove(JsonNode root, string pointer)
    {
        var cut = pointer.LastIndexOf('/');
        var parent = Find(root, pointer[..cut]);
        var last = pointer[(cut + 1)..];
        if (parent is JsonArray array)
        {
            array.RemoveAt(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            ((JsonObject)parent!).Remove(last);
        }
    }
}
