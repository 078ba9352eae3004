using System.Text;
using ImeBridge.Core.Rules;

namespace ImeBridge.Core.Tests.Rules;

public sealed class RuleTableValidationTests
{
    private const string Cite = """{ "source": "Test Act §1", "note": "n" }""";

    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string Period(string extra = "") =>
        $$"""{ "days": 10, "count": "calendar", "houseDefault": true, "verified": false, "citation": {{Cite}} {{extra}} }""";

    private static string Jurisdictions(string state) => $$"""
        {
          "table": "jurisdictions", "scope": "test",
          "default": {
            "state": "*", "notice": {{Period()}}, "report": {{Period()}},
            "recipients": { "roles": ["carrier"], "houseDefault": true, "verified": false, "citation": {{Cite}} }
          },
          "states": [ {{state}} ]
        }
        """;

    private static string State(string code = "NY", string notice = "", string citation = Cite) => $$"""
        {
          "state": "{{code}}",
          "notice": { "days": 7, "count": "business", "verified": true, "citation": {{citation}} {{notice}} },
          "report": { "days": 10, "count": "business", "verified": false, "citation": {{Cite}} },
          "recipients": { "roles": ["board", "claimant"], "verified": false, "citation": {{Cite}} }
        }
        """;

    [Fact]
    public void The_embedded_tables_load()
    {
        Assert.Equal(10, JurisdictionRules.Embedded.States.Count);
        Assert.NotEmpty(SpecialtyRules.Embedded.Rules);
        Assert.NotEmpty(QuietHourRules.Embedded.States);
    }

    [Fact]
    public void A_good_small_table_loads()
    {
        var rules = JurisdictionRules.Load(Json(Jurisdictions(State())));
        Assert.Equal(DayCount.Business, rules.For("NY").Notice.Count);
    }

    [Theory]
    [InlineData("""{ "source": "", "note": "n" }""", "", "citation has no source")]
    [InlineData(Cite, """, "houseDefault": true""", "house default cannot be verified")]
    [InlineData(Cite, """, "typo": 1""", "typo")]
    public void A_bad_jurisdiction_entry_is_refused_with_the_reason(string citation, string notice, string reason)
    {
        var error = Assert.Throws<RuleTableException>(() => JurisdictionRules.Load(Json(Jurisdictions(State(notice: notice, citation: citation)))));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_listed_twice_or_misspelt_is_refused()
    {
        Assert.Throws<RuleTableException>(() => JurisdictionRules.Load(Json(Jurisdictions(State() + "," + State()))));
        Assert.Throws<RuleTableException>(() => JurisdictionRules.Load(Json(Jurisdictions(State("New York")))));
    }

    [Theory]
    [InlineData("orthopaedicSurgery", "S8-", "207X00000X")]
    [InlineData("nope", "S82", "207X00000X")]
    [InlineData("orthopaedicSurgery", "S82", "207x0000")]
    public void A_bad_specialty_rule_is_refused(string specialty, string pattern, string nucc)
    {
        var json = $$"""
            {
              "table": "specialties",
              "specialties": [ { "key": "orthopaedicSurgery", "nuccCode": "{{nucc}}", "name": "Orthopaedic Surgery" } ],
              "rules": [ { "id": "r", "specialty": "{{specialty}}", "icd10": ["{{pattern}}"], "citation": {{Cite}} } ]
            }
            """;
        Assert.Throws<RuleTableException>(() => SpecialtyRules.Load(Json(json)));
    }

    [Fact]
    public void A_quiet_window_that_ends_before_it_starts_is_refused()
    {
        var json = $$"""
            {
              "table": "quiet-hours",
              "default": { "state": "*", "allowedFrom": "21:00", "allowedUntil": "08:00", "verified": false, "citation": {{Cite}} },
              "states": []
            }
            """;
        Assert.Throws<RuleTableException>(() => QuietHourRules.Load(Json(json)));
    }
}
