using System.Globalization;
using System.Text;

namespace ImeBridge.Bench.SftpBatch;

/// <summary>A canonical-header CSV of valid, distinct referrals, written row by row.</summary>
internal static class BenchCsv
{
    private const string Header =
        "source.externalId,claimant.firstName,claimant.lastName,claimant.dateOfBirth,claimant.phone,claim.claimNumber,claim.lineOfBusiness,claim.jurisdiction,claim.dateOfInjury,claim.injuryDescription,request.examType,request.questions";

    private static readonly string[] States = ["NY", "CA", "OR", "TX", "FL", "IL", "PA", "OH"];

    public static void Write(string path, int rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write(Header);
        writer.Write("\r\n");
        for (var n = 1; n <= rows; n++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"BENCH-{n:D7},Dana,Rivers{n},1980-01-15,+1518555{n % 10000:D4},WC-{n:D7},workersComp,{States[n % States.Length]},2026-02-09,\"Fell from a ladder, fractured the right wrist\",ime,Is the injury work related?|Has the claimant reached MMI?\r\n"));
        }
    }
}
