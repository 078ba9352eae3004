using System.Text;

namespace ImeBridge.Adapters.Sftp.Tests.Support;

/// <summary>Batch files with the canonical CSV header; <see cref="Row"/> passes validation, <see cref="BadStateRow"/> does not.</summary>
internal static class CanonicalCsv
{
    public const string Header =
        "source.externalId,claimant.firstName,claimant.lastName,claimant.dateOfBirth,claim.claimNumber,claim.lineOfBusiness,claim.jurisdiction,claim.dateOfInjury,request.examType,request.questions";

    /// <summary>A surname no log line may carry.</summary>
    public const string LastNamePrefix = "Quillfeather";

    public static string Row(int n) =>
        $"EXT-{n:D6},Dana,{LastNamePrefix}{n},1980-01-15,WC-{n:D6},workersComp,NY,2026-02-09,ime,Is the injury work related?|Has the claimant reached MMI?";

    public static string BadStateRow(int n) =>
        $"EXT-{n:D6},Dana,{LastNamePrefix}{n},1980-01-15,WC-{n:D6},workersComp,ZZ,2026-02-09,ime,Is the injury work related?";

    public static byte[] File(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n");

    public static byte[] Rows(int count) => File([.. Enumerable.Range(1, count).Select(Row)]);
}
