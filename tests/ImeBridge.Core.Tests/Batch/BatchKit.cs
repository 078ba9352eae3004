using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Intake;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Model;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Tests.Support;
using ImeBridge.Core.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImeBridge.Core.Tests.Batch;

/// <summary>A batch intake over an in-memory store with the fixtures' clock, and helpers to run files through it.</summary>
internal sealed class BatchKit
{
    public static readonly Partner Acme = new("acme", "insurer", "Acme Mutual", "whsec_unused", "token_unused");

    public BatchKit(InMemoryReferralStore? store = null, ILoggerFactory? logs = null, bool? validateInParallel = null)
    {
        Store = store ?? new InMemoryReferralStore();
        var clock = Fixtures.Clock();
        var factory = logs ?? NullLoggerFactory.Instance;
        Intake = new ReferralIntake(new ReferralReader(clock), new ReferralValidator(clock), Store, new IntakePressure(clock), clock, factory.CreateLogger<ReferralIntake>());
        Batches = new BatchIntake(Intake, clock, factory.CreateLogger<BatchIntake>())
        {
            ValidateInParallel = validateInParallel ?? BatchIntake.ParallelByDefault,
        };
    }

    public InMemoryReferralStore Store { get; }

    public ReferralIntake Intake { get; }

    public BatchIntake Batches { get; }

    public static BatchFile FileOf(byte[] content, string name = "referrals.csv") =>
        new("sftp", Acme.Id, name, Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>The file as a channel that kept it in the document store describes it.</summary>
    public static BatchFile KeptFileOf(byte[] content)
    {
        var file = FileOf(content);
        return file with { Original = new DocumentRef(file.Sha256, content.Length, "text/csv", "documents/sha256/" + file.Sha256) };
    }

    /// <summary>Reads <paramref name="content"/> as <paramref name="format"/> and takes it in, recording every ack row.</summary>
    public async Task<(BatchSummary Summary, RecordingAck Ack)> RunAsync(
        byte[] content,
        BatchFormat format = BatchFormat.Csv,
        CsvLayout? layout = null,
        CancellationToken cancellationToken = default)
    {
        var ack = new RecordingAck();
        var records = BatchRecords.ReadAsync(new MemoryStream(content), format, layout, cancellationToken);
        var summary = await Batches.ProcessAsync(FileOf(content), Acme, records, ack, cancellationToken);
        return (summary, ack);
    }

    public static byte[] Utf8(string text, bool bom = false) =>
        bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    /// <summary>Every record of a file, read without taking it in.</summary>
    public static async Task<List<BatchRecord>> ReadAllAsync(byte[] content, BatchFormat format = BatchFormat.Csv, CsvLayout? layout = null)
    {
        var records = new List<BatchRecord>();
        await foreach (var record in BatchRecords.ReadAsync(new MemoryStream(content), format, layout, CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }

    public static async IAsyncEnumerable<BatchRecord> Generated(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var header = Utf8(CanonicalCsv.Header + "\r\n");
        var rows = new GeneratedRows(header, count);
        await foreach (var record in BatchRecords.ReadAsync(rows, BatchFormat.Csv, null, cancellationToken))
        {
            yield return record;
        }
    }

    /// <summary>A stream of a canonical CSV with <c>count</c> valid rows, made as it is read: the test never holds the file.</summary>
    private sealed class GeneratedRows(byte[] header, int count) : Stream
    {
        private ReadOnlyMemory<byte> pending = header;
        private int next = 1;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (pending.IsEmpty && next <= count)
            {
                pending = Utf8(CanonicalCsv.Row(next++) + "\r\n");
            }

            var take = Math.Min(buffer.Length, pending.Length);
            pending.Span[..take].CopyTo(buffer);
            pending = pending[take..];
            return take;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Keeps every ack row in the order it was written, and the summary.</summary>
internal sealed class RecordingAck : IBatchAckWriter
{
    public List<BatchRowOutcome> Rows { get; } = [];

    public BatchSummary? Summary { get; private set; }

    /// <summary>Called after each row is recorded (a test cancels the run from here).</summary>
    public Action<BatchRowOutcome>? OnRow { get; set; }

    public BatchRowOutcome Row(long row) => Rows.Single(r => r.Row == row);

    public ValueTask WriteAsync(BatchRowOutcome outcome, CancellationToken cancellationToken)
    {
        Rows.Add(outcome);
        OnRow?.Invoke(outcome);
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(BatchSummary summary, CancellationToken cancellationToken)
    {
        Summary = summary;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Canonical-header CSV rows that pass validation.</summary>
internal static class CanonicalCsv
{
    public const string Header =
        "source.externalId,claimant.firstName,claimant.lastName,claimant.dateOfBirth,claim.claimNumber,claim.lineOfBusiness,claim.jurisdiction,claim.dateOfInjury,request.examType,request.questions";

    public static string Row(int n, string jurisdiction = "NY", string dateOfInjury = "2026-02-09") =>
        $"EXT-{n:D6},Dana,Rivers{n},1980-01-15,WC-{n:D6},workersComp,{jurisdiction},{dateOfInjury},ime,Is the injury work related?|Has the claimant reached MMI?";
}
