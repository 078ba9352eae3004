using ImeBridge.Core.Batch;
using ImeBridge.Core.Tests.Support;

namespace ImeBridge.Core.Tests.Batch;

public sealed class CanonicalCsvTests
{
    [Fact]
    public async Task Reads_a_spreadsheet_export_with_bom_crlf_quoted_commas_and_line_breaks()
    {
        var csv = CanonicalCsv.Header + ",claim.injuryDescription\r\n"
            + "EXT-1,Dana,\"Rivers, Jr.\",1980-01-15,WC-1,workersComp,NY,2026-02-09,ime,\"Is it work related?|Is PT needed?\nWhen is MMI?\",\"Fell from a ladder,\r\nbroke a wrist\"\r\n"
            + CanonicalCsv.Row(2) + ",\r\n";
        var kit = new BatchKit();

        var (summary, ack) = await kit.RunAsync(BatchKit.Utf8(csv, bom: true));

        Assert.Equal(new BatchSummary(2, 2, 0, 0), summary);
        var first = (await kit.Store.GetAsync(ack.Row(1).ReferralId!, default))!.Referral;
        Assert.Equal("EXT-1", first.Source.ExternalId);
        Assert.Equal("Rivers, Jr.", first.Claimant.LastName);
        Assert.Equal("Fell from a ladder,\r\nbroke a wrist", first.Claim.InjuryDescription);
        Assert.Equal(["Is it work related?", "Is PT needed?", "When is MMI?"], first.Request.Questions.Select(q => q.Text));
        Assert.Equal(new DateOnly(2026, 2, 9), first.Claim.DateOfInjury);
        Assert.Equal("sftp", first.Source.Channel);
        Assert.Equal(BatchKit.FileOf(BatchKit.Utf8(csv, bom: true)).Sha256 + ":1", first.Source.DeliveryId);
    }

    [Fact]
    public async Task A_bad_date_and_a_bad_state_reject_their_rows_only_naming_row_field_and_reason()
    {
        var csv = string.Join("\r\n",
            CanonicalCsv.Header,
            CanonicalCsv.Row(1),
            CanonicalCsv.Row(2, dateOfInjury: "2026-02-31"),
            CanonicalCsv.Row(3, jurisdiction: "ZZ"),
            CanonicalCsv.Row(4));
        var kit = new BatchKit();

        var (summary, ack) = await kit.RunAsync(BatchKit.Utf8(csv));

        Assert.Equal(new BatchSummary(4, 2, 0, 2), summary);
        Assert.Equal([1L, 2, 3, 4], ack.Rows.Select(r => r.Row));
        Assert.NotNull(ack.Row(1).ReferralId);
        Assert.NotNull(ack.Row(4).ReferralId);

        var badDate = ack.Row(2);
        Assert.Null(badDate.ReferralId);
        Assert.Equal("EXT-000002", badDate.ExternalId);
        Assert.Contains("date", badDate.Errors.ReasonAt("claim.dateOfInjury"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("2026-02-31", badDate.Errors.ReasonAt("claim.dateOfInjury"), StringComparison.Ordinal);

        var badState = ack.Row(3);
        Assert.NotNull(badState.RejectionId);
        Assert.DoesNotContain("ZZ", badState.Errors.ReasonAt("claim.jurisdiction"), StringComparison.Ordinal);

        var kept = await kit.Store.GetRejectionAsync(badState.RejectionId!, default);
        Assert.Equal("claim.jurisdiction", Assert.Single(kept!.Errors).Path);
        var original = await kit.Store.ReadOriginalAsync(kept.Original!, default);
        Assert.Contains("\"ZZ\"", System.Text.Encoding.UTF8.GetString(original!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Columns_the_schema_does_not_know_are_kept_under_extensions()
    {
        var csv = CanonicalCsv.Header + ",claimant.favoriteColor,Adjuster Office\r\n" + CanonicalCsv.Row(1) + ",teal,Albany unit 4\r\n";
        var kit = new BatchKit();

        var (_, ack) = await kit.RunAsync(BatchKit.Utf8(csv));

        var referral = (await kit.Store.GetAsync(ack.Row(1).ReferralId!, default))!.Referral;
        Assert.Equal("teal", referral.Extensions["claimant.favoriteColor"].GetString());
        Assert.Equal("Albany unit 4", referral.Extensions["Adjuster Office"].GetString());
    }

    [Fact]
    public async Task Empty_cells_are_absent_fields_and_header_case_does_not_matter()
    {
        var csv = "Source.ExternalId,claimant.FIRSTNAME,claimant.lastName,claimant.dateOfBirth,claim.claimNumber,claim.lineOfBusiness,claim.jurisdiction,request.examType,claimant.middleName\r\n"
            + "EXT-1,Dana,Rivers,1980-01-15,WC-1,workersComp,NY,ime,\r\n";
        var kit = new BatchKit();

        var (summary, ack) = await kit.RunAsync(BatchKit.Utf8(csv));

        Assert.Equal(1, summary.Accepted);
        var referral = (await kit.Store.GetAsync(ack.Row(1).ReferralId!, default))!.Referral;
        Assert.Equal("Dana", referral.Claimant.FirstName);
        Assert.Null(referral.Claimant.MiddleName);
    }

    [Fact]
    public async Task A_row_with_the_wrong_number_of_fields_is_rejected_and_the_rest_of_the_file_is_read()
    {
        var csv = string.Join("\r\n", CanonicalCsv.Header, CanonicalCsv.Row(1) + ",extra", "EXT-2,Dana", CanonicalCsv.Row(3));
        var kit = new BatchKit();

        var (summary, ack) = await kit.RunAsync(BatchKit.Utf8(csv));

        Assert.Equal(new BatchSummary(3, 1, 0, 2), summary);
        Assert.Contains("11 fields where the header row has 10", ack.Row(1).Errors.ReasonAt("$"), StringComparison.Ordinal);
        Assert.Contains("2 fields where the header row has 10", ack.Row(2).Errors.ReasonAt("$"), StringComparison.Ordinal);
        Assert.NotNull(ack.Row(3).ReferralId);
    }

    [Fact]
    public async Task A_stray_quote_rejects_its_row()
    {
        var csv = string.Join("\r\n", CanonicalCsv.Header, CanonicalCsv.Row(1).Replace("Dana", "Da\"na", StringComparison.Ordinal), CanonicalCsv.Row(2));

        var records = await BatchKit.ReadAllAsync(BatchKit.Utf8(csv));

        Assert.Contains("not valid CSV", records[0].MappingErrors.ReasonAt("$"), StringComparison.Ordinal);
        Assert.Empty(records[1].MappingErrors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public async Task An_empty_file_is_refused_as_a_whole(string content)
    {
        var refused = await Assert.ThrowsAsync<BatchFileException>(() => BatchKit.ReadAllAsync(BatchKit.Utf8(content)));

        Assert.Contains("header", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_naming_no_canonical_field_is_refused_without_quoting_the_file()
    {
        var csv = "Daniel,Okonkwo,1981-07-14\r\nPriya,Natarajan,1979-03-02\r\n";

        var refused = await Assert.ThrowsAsync<BatchFileException>(() => BatchKit.ReadAllAsync(BatchKit.Utf8(csv)));

        Assert.Contains("no canonical field", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Daniel", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_naming_a_field_twice_is_refused()
    {
        var csv = "source.externalId,claimant.lastName,Claimant.LastName\r\nEXT-1,A,B\r\n";

        var refused = await Assert.ThrowsAsync<BatchFileException>(() => BatchKit.ReadAllAsync(BatchKit.Utf8(csv)));

        Assert.Contains("claimant.lastName twice", refused.Message, StringComparison.Ordinal);
    }
}
