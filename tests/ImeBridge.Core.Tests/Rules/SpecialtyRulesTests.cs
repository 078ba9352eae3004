using ImeBridge.Core.Rules;

namespace ImeBridge.Core.Tests.Rules;

public sealed class SpecialtyRulesTests
{
    private static readonly SpecialtyRules Rules = SpecialtyRules.Embedded;

    [Theory]
    [InlineData("S82.201A", "207X00000X", "fractures-and-joints")]
    [InlineData("S06.0X0A", "2084N0400X", "brain-injury")]
    [InlineData("F07.81", "2084N0400X", "brain-injury")]
    [InlineData("F43.10", "2084P0800X", "psychiatric")]
    [InlineData("M54.5", "208100000X", "spine-pain-strain")]
    [InlineData("M51.26", "207XS0117X", "spine-fracture-disc")]
    [InlineData("S62.001A", "207XS0106X", "hand-wrist-injury")]
    [InlineData("S14.101A", "207T00000X", "spinal-cord-injury")]
    [InlineData("H91.90", "207Y00000X", "hearing")]
    [InlineData("G90.511", "208VP0000X", "chronic-pain")]
    public void Codes_choose_a_specialty_with_the_rule_that_chose_it(string code, string nucc, string ruleId)
    {
        var match = Rules.SpecialtyFor([code], [], null);

        Assert.NotNull(match);
        Assert.Equal(nucc, match.Specialty.NuccCode);
        Assert.Equal(ruleId, match.Rule.Id);
        Assert.Equal(SpecialtyEvidence.Icd10Code, match.Evidence);
        Assert.Contains(ruleId, match.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_known_gives_null()
    {
        Assert.Null(Rules.SpecialtyFor(["Z99.89"], ["unspecified"], "slipped and felt unwell last year"));
        Assert.Null(Rules.SpecialtyFor([], [], null));
    }

    [Fact]
    public void Codes_beat_body_parts_and_the_first_code_wins()
    {
        Assert.Equal("psychiatric", Rules.SpecialtyFor(["F43.10"], ["knee"], "fracture")?.Rule.Id);
        Assert.Equal("brain-injury", Rules.SpecialtyFor(["S06.0X0A", "S82.201A"], [], null)?.Rule.Id);
    }

    [Fact]
    public void Body_parts_and_keywords_match_whole_words()
    {
        var knee = Rules.SpecialtyFor([], ["Left knee"], null);
        Assert.Equal(SpecialtyEvidence.BodyPart, knee?.Evidence);
        Assert.Equal("orthopaedicSurgery", knee?.Specialty.Key);

        var tinnitus = Rules.SpecialtyFor([], [], "Constant tinnitus after the press shop noise");
        Assert.Equal(SpecialtyEvidence.Keyword, tinnitus?.Evidence);
        Assert.Equal("otolaryngology", tinnitus?.Specialty.Key);
    }

    [Theory]
    [InlineData("M50-M54", "M54.5", true)]
    [InlineData("M50-M54", "m50.20", true)]
    [InlineData("M50-M54", "M55.0", false)]
    [InlineData("S32.1-S32.9", "S32.0", false)]
    [InlineData("S32.1-S32.9", "S32.401A", true)]
    [InlineData("F07.81", "F07.89", false)]
    public void Icd10_patterns_are_prefixes_or_ranges(string pattern, string code, bool expected)
    {
        Assert.Equal(expected, Icd10Pattern.Matches(pattern, code));
    }

    [Fact]
    public void Every_rule_is_cited_and_names_a_known_specialty()
    {
        var keys = Rules.Specialties.Select(specialty => specialty.Key).ToHashSet();
        Assert.All(Rules.Rules, rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Citation.Source), rule.Id);
            Assert.Contains(rule.Specialty, keys);
        });
    }
}
