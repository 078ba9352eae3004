// Writes pre-signed partner referrals for bench/wrk-replay.lua: one per line,
// "webhook-id TAB webhook-timestamp TAB webhook-signature TAB partner TAB compact body".
// Each body is the sample referral with a unique source.externalId and claim number, so each is a new referral of
// its own claim, as in a real burst (the same claim number every time would make each one a duplicate of the first
// for the workflow's linking, which then reads up to 1,000 earlier referrals per message).
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ImeBridge.Adapters.Webhooks;
using ImeBridge.Hosting;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: ImeBridge.Bench.LoadGen OUTPUT_FILE COUNT SAMPLE_JSON");
    return 2;
}

var count = int.Parse(args[1], CultureInfo.InvariantCulture);
var template = JsonNode.Parse(File.ReadAllText(args[2]))!.AsObject();
var signer = new StandardWebhookSigner(DemoPartner.WebhookSecret);
var run = Guid.NewGuid().ToString("N")[..8];
var now = TimeProvider.System.GetUtcNow();
var bodyBytes = 0L;

await using var output = new StreamWriter(args[0], append: false, new UTF8Encoding(false));
for (var i = 0; i < count; i++)
{
    template["source"]!["externalId"] = $"BENCH-{run}-{i:D7}";
    template["claim"]!["claimNumber"] = $"WC-BENCH-{run}-{i:D7}";
    template["source"]!["partnerId"] = DemoPartner.Id;
    var body = template.ToJsonString();
    var bytes = Encoding.UTF8.GetBytes(body);
    bodyBytes += bytes.Length;
    var headers = signer.CreateHeaders($"msg_bench_{run}_{i:D7}", now, bytes);
    await output.WriteLineAsync($"{headers.Id}\t{headers.Timestamp}\t{headers.Signature}\t{DemoPartner.Id}\t{body}");
}

Console.WriteLine($"wrote {count} signed requests, mean body {bodyBytes / Math.Max(count, 1)} bytes");
return 0;
