using ImeBridge.Core.Outbound.ReportDelivery;

namespace ImeBridge.Adapters.Postgres.Tests.Ports;

/// <summary>Proof-of-service records as report delivery and the secure report link use them.</summary>
public sealed class PostgresProofOfServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static ServiceRecord Record(string messageId, string role, int index, DateTimeOffset plannedAt, string? linkId = null) => new(
        messageId, "r1", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 1, role, index,
        "Jordan Reyes", "Reyes & Stone LLP", "email", "jreyes@reyes-stone.example", Required: true, ServiceStatuses.Planned, plannedAt,
        LinkId: linkId, LinkExpiresAt: linkId is null ? null : plannedAt.AddDays(14));

    [Fact]
    public async Task A_record_is_added_once_updated_and_listed_per_referral_oldest_first()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;
        var store = new PostgresProofOfService(database);
        var referrer = Record("report:r1:v1:referrer:0", "referrer", 0, Start);
        var attorney = Record("report:r1:v1:attorney:0", "attorney", 0, Start, linkId: "lnk-1");
        var other = Record("report:r1:v1:attorney:1", "attorney", 1, Start.AddMinutes(-1)) with { ReferralId = "r2" };

        Assert.True(await store.AddAsync(referrer, CancellationToken.None));
        Assert.True(await store.AddAsync(attorney, CancellationToken.None));
        Assert.True(await store.AddAsync(other, CancellationToken.None));
        Assert.False(await store.AddAsync(referrer with { Status = ServiceStatuses.Sent }, CancellationToken.None));

        var sent = referrer with { Status = ServiceStatuses.Sent, SentAt = Start.AddMinutes(1), ReceiptAt = Start.AddMinutes(1), ReceiptKind = ReceiptKinds.ProviderAccepted, ProviderId = "sg-1", Detail = "202" };
        Assert.True(await store.UpdateAsync(sent, CancellationToken.None));
        Assert.False(await store.UpdateAsync(Record("unknown", "referrer", 0, Start), CancellationToken.None));

        Assert.Equal(sent, await store.FindAsync(referrer.MessageId, CancellationToken.None));
        Assert.Equal(attorney, await store.FindByLinkAsync("lnk-1", CancellationToken.None));
        Assert.Equal([sent, attorney], await store.ListAsync("r1", CancellationToken.None));
        Assert.Null(await store.FindByLinkAsync("lnk-unknown", CancellationToken.None));

        var byHand = attorney with { Status = ServiceStatuses.Served, ReceiptAt = Start.AddDays(1), ReceiptKind = ReceiptKinds.ServedByOperator, ServedBy = "M. Okafor" };
        Assert.True(await store.UpdateAsync(byHand, CancellationToken.None));
        Assert.Equal("M. Okafor", (await store.FindAsync(attorney.MessageId, CancellationToken.None))!.ServedBy);
    }

    [Fact]
    public async Task Only_the_first_download_of_a_link_is_recorded_even_when_two_arrive_at_once()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;
        await using var other = await PostgresDatabase.OpenAsync(ports.ConnectionString);
        var first = new PostgresProofOfService(database);
        var second = new PostgresProofOfService(other);
        await first.AddAsync(Record("report:r1:v1:attorney:0", "attorney", 0, Start, linkId: "lnk-1"), CancellationToken.None);

        var downloads = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).RecordDownloadAsync("lnk-1", Start.AddHours(i + 1), CancellationToken.None))));

        Assert.Single(downloads, recorded => recorded);
        var served = (await first.FindByLinkAsync("lnk-1", CancellationToken.None))!;
        Assert.Equal((ServiceStatuses.Served, ReceiptKinds.Downloaded, served.DownloadedAt), (served.Status, served.ReceiptKind, served.ReceiptAt));
        Assert.True(served.Served);
        Assert.False(await first.RecordDownloadAsync("lnk-unknown", Start, CancellationToken.None));
    }
}
