namespace ImeBridge.Hosting.Tests.Support;

/// <summary>A partner the test app is configured with.</summary>
internal sealed record TestPartner(string Id, string Kind, string Name, string WebhookSecret, string ApiToken)
{
    public static readonly TestPartner Acme = new(
        "acme-insurance",
        "insurer",
        "Acme Insurance Co.",
        "whsec_" + Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))]),
        "acme-read-token");

    public static readonly TestPartner Globex = new(
        "globex-tpa",
        "tpa",
        "Globex Claims Services",
        "whsec_" + Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)(i * 11))]),
        "globex-read-token");

    public static readonly IReadOnlyList<TestPartner> All = [Acme, Globex];

    public static Dictionary<string, string?> Configuration(int maxBodyBytes)
    {
        var settings = new Dictionary<string, string?>
        {
            ["includeDemoPartner"] = "false",
            ["maxBodyBytes"] = maxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < All.Count; i++)
        {
            settings[$"partners:{i}:id"] = All[i].Id;
            settings[$"partners:{i}:kind"] = All[i].Kind;
            settings[$"partners:{i}:name"] = All[i].Name;
            settings[$"partners:{i}:webhookSecret"] = All[i].WebhookSecret;
            settings[$"partners:{i}:apiToken"] = All[i].ApiToken;
        }

        return settings;
    }
}
