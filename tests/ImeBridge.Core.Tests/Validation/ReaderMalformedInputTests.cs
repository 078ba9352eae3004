using ImeBridge.Core.Tests.Support;

namespace ImeBridge.Core.Tests.Validation;

public sealed class ReaderMalformedInputTests
{
    [Fact]
    public void Malformed_json_is_one_error_at_the_root_with_line_and_byte_and_no_content()
    {
        var body = Fixtures.Bytes("{\n  \"claimant\": {\"firstName\": \"Daniel\",\n    \"lastName\": Okonkwo }\n}");

        var result = Fixtures.Reader().Read(body, Fixtures.Webhook);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.Equal("is not valid JSON (line 3, byte 17)", error.Reason);
        Assert.DoesNotContain("Okonkwo", error.Reason, StringComparison.Ordinal);
        Assert.Null(result.Referral);
    }

    [Fact]
    public void A_truncated_body_is_malformed()
    {
        var sample = Fixtures.SampleBytes();

        var result = Fixtures.Reader().Read(sample.AsMemory(0, sample.Length / 2), Fixtures.Webhook);

        Assert.StartsWith("is not valid JSON (line ", result.ReasonAt("$"));
    }

    [Fact]
    public void An_empty_body_is_malformed()
    {
        var result = Fixtures.Reader().Read(ReadOnlyMemory<byte>.Empty, Fixtures.Webhook);

        Assert.Equal("is not valid JSON (line 1, byte 1)", result.ReasonAt("$"));
    }

    [Theory]
    [InlineData("""{"claimant": {"lastName": "A", "lastName": "B"}}""", "claimant.lastName")]
    [InlineData("""{"request": {"questions": [{"text": "a"}, {"text": "b", "text": "c"}]}}""", "request.questions[1].text")]
    [InlineData("""{"extensions": {"acme": {"tier": 1, "t\u0069er": 2}}}""", "extensions.acme.tier")]
    [InlineData("""{"claim": {}, "claim": {}}""", "claim")]
    public void A_property_sent_twice_is_refused_where_it_is(string body, string path)
    {
        var result = Fixtures.Reader().Read(Fixtures.Bytes(body), Fixtures.Webhook);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Equal("is sent twice in the same object; send each property once", error.Reason);
        Assert.Null(result.Referral);
    }

    [Fact]
    public void An_object_with_many_properties_and_one_sent_twice_is_refused()
    {
        var properties = string.Join(", ", Enumerable.Range(0, 40).Select(i => $"\"p{i}\": {i}"));
        var result = Fixtures.Reader().Read(Fixtures.Bytes("{\"extensions\": {" + properties + ", \"p7\": 0}}"), Fixtures.Webhook);

        Assert.Equal("extensions.p7", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void The_same_name_in_different_objects_is_not_a_duplicate()
    {
        var result = Fixtures.Reader().Read(Fixtures.SampleBytes(), Fixtures.Webhook);

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"referral\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void A_body_that_is_not_an_object_is_refused(string body)
    {
        var result = Fixtures.Reader().Read(Fixtures.Bytes(body), Fixtures.Webhook);

        Assert.Equal("must be a JSON object (the referral)", result.ReasonAt("$"));
    }

    [Fact]
    public void An_empty_object_names_each_missing_section()
    {
        var result = Fixtures.Reader().Read(Fixtures.Bytes("{}"), new Core.Validation.ReferralDefaults("webhook", "demo"));

        Assert.Equal(
            ["claim", "claimant", "referrer", "request", "source.externalId"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, e => Assert.Equal("is required", e.Reason));
    }
}
