using System.Globalization;
using System.Text;

namespace ImeBridge.Bench.Batch;

/// <summary>Writes a canonical-header CSV of valid, realistic referrals: quoted commas and line breaks, lists, phones.</summary>
internal static class GeneratedCsv
{
    private const string Header =
        "source.externalId,referrer.contact.name,referrer.contact.email,claimant.firstName,claimant.lastName,claimant.dateOfBirth,"
        + "claimant.sex,claimant.phone,claimant.email,claimant.address.line1,claimant.address.city,claimant.address.state,"
        + "claimant.address.postalCode,claimant.smsConsent,claim.claimNumber,claim.lineOfBusiness,claim.jurisdiction,claim.dateOfInjury,"
        + "claim.injuryDescription,claim.bodyParts,claim.icd10Codes,request.examType,request.specialty,request.reason,request.questions,request.priority";

    private static readonly string[] States = ["NY", "CA", "TX", "FL", "OR", "PA", "OH", "GA"];

    public static async Task WriteAsync(string path, int rows, string run)
    {
        await using var output = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        output.NewLine = "\r\n";
        await output.WriteLineAsync(Header);
        var line = new StringBuilder(700);
        for (var n = 1; n <= rows; n++)
        {
            line.Clear();
            var state = States[n % States.Length];
            line.Append(CultureInfo.InvariantCulture, $"BENCH-{run}-{n:D7},Adjuster {n % 97},adjuster{n % 97}@carrier.example,Dana,Rivers-{n},")
                .Append(CultureInfo.InvariantCulture, $"19{50 + (n % 50)}-0{1 + (n % 9)}-1{n % 10},{(n % 2 == 0 ? "female" : "male")},+15185550{100 + (n % 100)},")
                .Append(CultureInfo.InvariantCulture, $"claimant{n}@mail.example,\"{n % 900 + 100} Delaware Avenue, Apt {n % 40}\",Albany,{state},{12200 + (n % 90)},true,")
                .Append(CultureInfo.InvariantCulture, $"WC-{state}-{n:D8},workersComp,{state},2026-0{1 + (n % 4)}-1{n % 10},")
                .Append("\"Fell from a loading-dock ladder, right wrist fracture.\nTreated with a cast.\",right wrist|right hand,S62.101A|W11.XXXA,ime,orthopaedic surgery,causation,")
                .Append("\"Is the condition work related?|Is further therapy necessary?\nHas MMI been reached?\",routine");
            await output.WriteLineAsync(line);
        }
    }
}
