using System.Text.Json.Nodes;

namespace ImeBridge.Adapters.Twilio.Tests;

/// <summary>Every vector of the corpus's <c>signatures/twilio-request-validation-vectors.json</c> (twilio-csharp and twilio-python tests).</summary>
public sealed class TwilioSignatureVectorTests
{
    private static readonly JsonObject File = (JsonObject)JsonNode.Parse(System.IO.File.ReadAllText(
        Path.Combine(RepositoryFolders.Corpus, "signatures", "twilio-request-validation-vectors.json")))!;

    private static string AuthToken => (string)File["auth_token"]!;

    public static TheoryData<string> VectorNames()
    {
        var names = new TheoryData<string>();
        foreach (var vector in File["vectors"]!.AsArray())
        {
            names.Add((string)vector!["name"]!);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Vector_is_judged_as_upstream_expects(string name)
    {
        var vector = File["vectors"]!.AsArray().Single(v => (string)v!["name"]! == name)!;
        var url = (string)vector["url"]!;
        var signature = (string)vector["x_twilio_signature"]!;
        var expected = (bool)vector["expect_valid"]!;

        var valid = vector["body"] is { } body
            ? TwilioSignature.IsValidBody(AuthToken, url, (string)body!, signature)
            : TwilioSignature.IsValid(AuthToken, url, Params(vector["params"]!), signature);

        Assert.Equal(expected, valid);
    }

    [Fact]
    public void The_corpus_holds_the_vectors_this_test_expects()
    {
        Assert.True(File["vectors"]!.AsArray().Count >= 20);
    }

    [Fact]
    public void A_changed_parameter_value_fails()
    {
        var vector = File["vectors"]!.AsArray().First(v => (string)v!["name"]! == "form_params_basic")!;
        var form = Params(vector["params"]!).Select(p => p.Key == "Digits" ? new KeyValuePair<string, string>("Digits", "9999") : p).ToList();

        Assert.False(TwilioSignature.IsValid(AuthToken, (string)vector["url"]!, form, (string)vector["x_twilio_signature"]!));
        Assert.False(TwilioSignature.IsValid(AuthToken, (string)vector["url"]!, form, null));
    }

    /// <summary>Params are an object, or a list of [name, value] pairs when a name repeats.</summary>
    private static List<KeyValuePair<string, string>> Params(JsonNode node) => node switch
    {
        JsonObject map => map.Select(p => new KeyValuePair<string, string>(p.Key, (string)p.Value!)).ToList(),
        JsonArray pairs => pairs.Select(p => new KeyValuePair<string, string>((string)p![0]!, (string)p[1]!)).ToList(),
        _ => throw new InvalidOperationException("unexpected params shape"),
    };
}
