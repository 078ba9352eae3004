using ImeBridge.Core.Batch;
using ImeBridge.Core.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Tests.Batch;

public sealed class BatchIntakeTests
{
    [Fact]
    public async Task The_same_file_delivered_twice_stores_nothing_new_and_acks_the_same_referrals_as_duplicates()
    {
        var csv = BatchKit.Utf8(string.Join("\r\n", CanonicalCsv.Header, CanonicalCsv.Row(1), CanonicalCsv.Row(2, jurisdiction: "ZZ"), CanonicalCsv.Row(3)));
        var kit = new BatchKit();

        var (first, firstAck) = await kit.RunAsync(csv);
        var (again, againAck) = await kit.RunAsync(csv);

        Assert.Equal(new BatchSummary(3, 2, 0, 1), first);
        Assert.Equal(new BatchSummary(3, 0, 2, 1), again);
        Assert.Equal(2, kit.Store.ReferralCount);
        Assert.Equal(1, kit.Store.RejectionCount);
        Assert.Equal(firstAck.Rows.Select(r => r.ReferralId), againAck.Rows.Select(r => r.ReferralId));
        Assert.Equal(firstAck.Row(2).RejectionId, againAck.Row(2).RejectionId);
        Assert.True(againAck.Row(1).Duplicate);
        Assert.Equal(new BatchSummary(3, 0, 2, 1), againAck.Summary);
    }

    [Fact]
    public async Task A_run_cancelled_mid_file_then_run_again_stores_every_row_exactly_once()
    {
        const int Rows = 2_000;
        var csv = BatchKit.Utf8(CanonicalCsv.Header + "\r\n" + string.Join("\r\n", Enumerable.Range(1, Rows).Select(n => CanonicalCsv.Row(n))));
        var kit = new BatchKit();
        using var stop = new CancellationTokenSource();
        var interrupted = new RecordingAck { OnRow = row => { if (row.Row == 700) { stop.Cancel(); } } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kit.Batches.ProcessAsync(
            BatchKit.FileOf(csv), BatchKit.Acme, BatchRecords.ReadAsync(new MemoryStream(csv), BatchFormat.Csv, null, stop.Token), interrupted, stop.Token));
        var storedBeforeRerun = kit.Store.ReferralCount;
        var (summary, ack) = await kit.RunAsync(csv);

        Assert.InRange(storedBeforeRerun, 700, Rows - 1);
        Assert.Equal(Rows, kit.Store.ReferralCount);
        Assert.Equal(Rows, kit.Store.Referrals.Select(r => r.Referral.Source.ExternalId).Distinct().Count());
        Assert.Equal(new BatchSummary(Rows, Rows - storedBeforeRerun, storedBeforeRerun, 0), summary);
        Assert.Equal(interrupted.Rows.Select(r => r.ReferralId), ack.Rows.Take(interrupted.Rows.Count).Select(r => r.ReferralId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Acks_follow_row_order_while_intakes_finish_out_of_order_and_in_flight_stays_bounded(bool validateInParallel)
    {
        const int Rows = 1_500;
        var store = new InMemoryReferralStore { BeforeWrite = () => Task.Delay(Random.Shared.Next(0, 3)) };
        var kit = new BatchKit(store, validateInParallel: validateInParallel);
        var csv = BatchKit.Utf8(CanonicalCsv.Header + "\n" + string.Join("\n", Enumerable.Range(1, Rows).Select(n => CanonicalCsv.Row(n))));

        var (summary, ack) = await kit.RunAsync(csv);

        Assert.Equal(Rows, summary.Accepted);
        Assert.Equal(Enumerable.Range(1, Rows).Select(r => (long)r), ack.Rows.Select(r => r.Row));
        Assert.Equal(Enumerable.Range(1, Rows).Select(n => $"EXT-{n:D6}"), ack.Rows.Select(r => r.ExternalId));
        Assert.InRange(store.MaxInFlight, 2, BatchIntake.MaxInFlight);
    }

    [Fact]
    public async Task Rows_of_a_file_kept_in_the_document_store_point_at_it_and_only_rejected_rows_keep_their_own_bytes()
    {
        var content = BatchKit.Utf8(string.Join("\r\n", CanonicalCsv.Header, CanonicalCsv.Row(1), CanonicalCsv.Row(2, jurisdiction: "ZZ"), CanonicalCsv.Row(3)));
        var file = BatchKit.KeptFileOf(content);
        var kit = new BatchKit();
        var ack = new RecordingAck();

        var summary = await kit.Batches.ProcessAsync(file, BatchKit.Acme, BatchRecords.ReadAsync(new MemoryStream(content), BatchFormat.Csv, null, default), ack, default);

        Assert.Equal(new BatchSummary(3, 2, 0, 1), summary);
        var accepted = (await kit.Store.GetAsync(ack.Row(3).ReferralId!, default))!.Referral;
        Assert.Equal(file.Original, accepted.Source.OriginalDocument);
        Assert.Equal(file.Sha256 + ":3", accepted.Source.DeliveryId);
        Assert.Equal(1, kit.Store.OriginalCount);
        var rejection = await kit.Store.GetRejectionAsync(ack.Row(2).RejectionId!, default);
        Assert.NotNull(await kit.Store.ReadOriginalAsync(rejection!.Original!, default));
    }

    [Fact]
    public async Task A_kept_original_that_is_not_the_file_is_refused()
    {
        var content = BatchKit.Utf8(CanonicalCsv.Header + "\r\n" + CanonicalCsv.Row(1));
        var file = BatchKit.KeptFileOf(content) with { Sha256 = new string('0', 64) };

        await Assert.ThrowsAsync<ArgumentException>(() => new BatchKit().Batches.ProcessAsync(
            file, BatchKit.Acme, BatchRecords.ReadAsync(new MemoryStream(content), BatchFormat.Csv, null, default), null, default));
    }

    [Fact]
    public async Task A_hundred_thousand_rows_stream_through_with_every_row_acked()
    {
        const int Rows = 100_000;
        var kit = new BatchKit(new InMemoryReferralStore(keepReferrals: false));
        var ack = new CountingAck();
        var file = new BatchFile("sftp", BatchKit.Acme.Id, "generated.csv", new string('a', 64));

        var summary = await kit.Batches.ProcessAsync(file, BatchKit.Acme, BatchKit.Generated(Rows), ack, CancellationToken.None);

        Assert.Equal(new BatchSummary(Rows, Rows, 0, 0), summary);
        Assert.Equal(Rows, ack.Count);
        Assert.True(ack.InOrder);
        Assert.InRange(kit.Store.MaxInFlight, 1, BatchIntake.MaxInFlight);
    }

    [Fact]
    public async Task A_store_failure_stops_the_file_and_a_rerun_takes_in_every_row()
    {
        const int Rows = 300;
        var writes = 0;
        var store = new InMemoryReferralStore
        {
            BeforeWrite = () => Interlocked.Increment(ref writes) == 120 ? throw new IOException("disk full") : Task.CompletedTask,
        };
        var kit = new BatchKit(store);
        var csv = BatchKit.Utf8(CanonicalCsv.Header + "\n" + string.Join("\n", Enumerable.Range(1, Rows).Select(n => CanonicalCsv.Row(n))));

        await Assert.ThrowsAsync<IOException>(() => kit.RunAsync(csv));
        var (summary, _) = await kit.RunAsync(csv);

        Assert.Equal(Rows, summary.Records);
        Assert.Equal(0, summary.Rejected);
        Assert.Equal(Rows, store.ReferralCount);
    }

    [Fact]
    public async Task Logs_carry_counts_and_ids_never_names_dates_or_the_file_name()
    {
        var logs = new CapturingLoggerFactory();
        var kit = new BatchKit(logs: logs);
        var csv = "source.externalId,claimant.firstName,claimant.lastName,claimant.dateOfBirth,claim.claimNumber,claim.lineOfBusiness,claim.jurisdiction,claim.dateOfInjury,request.examType\r\n"
            + "EXT-1,Daniel,Okonkwo-Whitfield,1981-07-14,WC-NY-2026-0048213,workersComp,NY,2026-02-09,ime\r\n"
            + "EXT-2,Daniel,Okonkwo-Whitfield,07/14/1981,WC-NY-2026-0048213,workersComp,NY,2026-02-09,ime\r\n";
        var content = BatchKit.Utf8(csv);
        var file = BatchKit.FileOf(content, "okonkwo-whitfield-referral.csv");

        var summary = await kit.Batches.ProcessAsync(file, BatchKit.Acme, BatchRecords.ReadAsync(new MemoryStream(content), BatchFormat.Csv, null, default), null, default);

        Assert.Equal(new BatchSummary(2, 1, 0, 1), summary);
        var text = string.Join("\n", logs.Messages);
        Assert.Contains(file.Sha256[..12], text, StringComparison.Ordinal);
        Assert.Contains("1 rejected", text, StringComparison.Ordinal);
        foreach (var phi in Fixtures.SamplePhi.Append("okonkwo"))
        {
            Assert.DoesNotContain(phi, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private sealed class CountingAck : IBatchAckWriter
    {
        public long Count { get; private set; }

        public bool InOrder { get; private set; } = true;

        public ValueTask WriteAsync(BatchRowOutcome outcome, CancellationToken cancellationToken)
        {
            InOrder &= outcome.Row == ++Count;
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(BatchSummary summary, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> messages = new();

        public IEnumerable<string> Messages => messages;

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception) + " " + exception?.Message);
    }
}
