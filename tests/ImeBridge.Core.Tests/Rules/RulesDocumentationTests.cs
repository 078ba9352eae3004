using ImeBridge.Core.Rules;

namespace ImeBridge.Core.Tests.Rules;

/// <summary>docs/rules.md mirrors the tables; these catch an entry added to the data but not to the page.</summary>
public sealed class RulesDocumentationTests
{
    private static readonly Lazy<string> Page = new(() => File.ReadAllText(FindPage()));

    [Fact]
    public void Every_state_is_documented()
    {
        Assert.All(JurisdictionRules.Embedded.States, rule => Assert.Contains($"| {rule.State} |", Page.Value, StringComparison.Ordinal));
        Assert.All(QuietHourRules.Embedded.States, rule => Assert.Contains($"| {rule.State} |", Page.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_specialty_rule_is_documented()
    {
        Assert.All(SpecialtyRules.Embedded.Rules, rule => Assert.Contains($"`{rule.Id}`", Page.Value, StringComparison.Ordinal));
    }

    private static string FindPage()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "rules.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/rules.md not found above the test output folder");
    }
}
