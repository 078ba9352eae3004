using System.Text.RegularExpressions;

namespace ImeBridge.Cli.Tests.Support;

/// <summary>Reads what <c>imebridge submit</c> printed.</summary>
internal static partial class SubmitOutput
{
    public static string ReferralId(CliRun run)
    {
        var match = ReferralIdProperty().Match(run.Stdout);
        Assert.True(match.Success, "no referralId in the output of submit: " + run);
        return match.Groups["id"].Value;
    }

    public static int HttpStatus(CliRun run)
    {
        var match = StatusLine().Match(run.Stdout);
        Assert.True(match.Success, "no HTTP status line in the output: " + run);
        return int.Parse(match.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("\"referralId\": \"(?<id>[^\"]+)\"")]
    private static partial Regex ReferralIdProperty();

    [GeneratedRegex(@"^HTTP (?<status>\d{3})\b", RegexOptions.Multiline)]
    private static partial Regex StatusLine();
}
