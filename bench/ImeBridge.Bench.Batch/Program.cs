// Measures the SFTP/email batch path on one machine with a generated 100,000-row canonical CSV:
// (a)  CsvHelper merely reading every field of the file;
// (b)  BatchIntake of the file into the embedded SQLite store, both ack files written, the file first kept in the
//      local document store as the SFTP adapter keeps it (accepted rows point at it);
// (b2) the same into a fresh store without the kept file (every row keeps its own bytes);
// (c)  the same file delivered again into (b)'s store: every row a duplicate.
// Everything runs once on a small file first (warm-up). Prints rows/s, the ratio b/a, peak RSS and how many referrals are stored. BENCH_DIAG=1 adds CPU per phase and thread.
using System.Diagnostics;
using System.Globalization;
using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Sqlite;
using ImeBridge.Bench.Batch;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Intake;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Validation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var diagnostics = Environment.GetEnvironmentVariable("BENCH_DIAG") is not null;
var work = Directory.CreateTempSubdirectory("imebridge-bench-batch-");
var csvPath = Path.Combine(work.FullName, "referrals.csv");
var partner = new Partner("bench", "insurer", "Bench Mutual", "whsec_unused", "unused");
try
{
    await GeneratedCsv.WriteAsync(csvPath, rows, Guid.NewGuid().ToString("N")[..8]);
    Console.WriteLine($"generated {rows:N0} rows, {new FileInfo(csvPath).Length / (1024.0 * 1024):F1} MiB; {Environment.ProcessorCount} cores, load average {LoadAverage()}");

    // Warm-up, as a running server is: JIT, the schema, the SQLite connections.
    var warmUpPath = Path.Combine(work.FullName, "warm-up.csv");
    await GeneratedCsv.WriteAsync(warmUpPath, Math.Min(rows, 5_000), "warmup");
    await using (var provider = Services(Path.Combine(work.FullName, "warm-up")))
    {
        await Phases.IntakeAsync(provider.GetRequiredService<BatchIntake>(), partner, warmUpPath, provider.GetRequiredService<IDocumentStore>());
        await Phases.ReadEveryFieldAsync(warmUpPath);
    }

    var readOnly = await Measure.TimeAsync(() => Phases.ReadEveryFieldAsync(csvPath), diagnostics);
    Report("(a)  CsvHelper reading every field", readOnly);
    Report("     BatchRecords mapping rows to JSON", await Measure.TimeAsync(() => Phases.MapEveryRowAsync(csvPath), diagnostics));

    long stored;
    await using (var provider = Services(Path.Combine(work.FullName, "kept")))
    {
        var batches = provider.GetRequiredService<BatchIntake>();
        var documents = provider.GetRequiredService<IDocumentStore>();
        var intake = await Measure.TimeAsync(() => Phases.IntakeAsync(batches, partner, csvPath, documents), diagnostics);
        Report("(b)  BatchIntake into SQLite + acks", intake);
        Console.WriteLine($"     ratio b/a = {Measure.Rate(intake) / Measure.Rate(readOnly):P1}; load average {LoadAverage()}");
        if (diagnostics)
        {
            Measure.PrintThreadCpu();
        }

        Report("(c)  same file again (duplicates)", await Measure.TimeAsync(() => Phases.IntakeAsync(batches, partner, csvPath, documents), diagnostics));
    }

    stored = Phases.CountReferrals(Path.Combine(work.FullName, "kept", "imebridge.db"));
    await using (var provider = Services(Path.Combine(work.FullName, "per-row")))
    {
        var batches = provider.GetRequiredService<BatchIntake>();
        Report("(b2) same, each row keeping its own bytes", await Measure.TimeAsync(() => Phases.IntakeAsync(batches, partner, csvPath, documents: null), diagnostics));
    }

    Console.WriteLine($"stored referrals after (b) and (c): {stored:N0}");
    Console.WriteLine($"peak RSS (VmHWM): {Measure.PeakRssMiB():F0} MiB");
    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    work.Delete(recursive: true);
}

static ServiceProvider Services(string folder) =>
    new ServiceCollection()
        .AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
        .AddSingleton(TimeProvider.System)
        .AddImeBridgeSqlite(Path.Combine(folder, "imebridge.db"))
        .AddImeBridgeLocalDocuments(Path.Combine(folder, "documents"))
        .AddSingleton<ReferralReader>()
        .AddSingleton<ReferralValidator>()
        .AddSingleton<IntakePressure>()
        .AddSingleton<ReferralIntake>()
        .AddSingleton<BatchIntake>()
        .BuildServiceProvider();

static void Report(string what, (long Rows, TimeSpan Elapsed) run) =>
    Console.WriteLine($"{what,-44} {run.Rows,9:N0} rows in {run.Elapsed.TotalSeconds,6:F2} s = {Measure.Rate(run),9:N0} rows/s");

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
