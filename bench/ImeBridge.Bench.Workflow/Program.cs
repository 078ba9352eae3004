// 10,000 referrals through the workflow on the embedded host (imebridge serve's composition: SQLite, durable queue,
// local files, the queue pump), from intake through triage, expert matching, the documents check and the packet, to a
// booked appointment (Scheduled):
// (a)  baseline: the same referrals accepted by an embedded host whose pump is off (intake alone), same run;
// (b)  burst: all referrals accepted as fast as 8 writers can, until every one is Scheduled: throughput, and per
//      referral the time from acceptance to Scheduled (mostly queueing in a burst);
// (c)  paced: a fifth as many more, offered at half of (b)'s throughput: p50 / p95 / p99 from acceptance to Scheduled,
//      the time a referral takes when the bridge is busy but keeping up.
// Prints ratios against (a), the states at the end (nothing may be left behind), and the peak RSS.
using System.Diagnostics;
using System.Globalization;
using ImeBridge.Bench.Workflow;
using ImeBridge.Core.Ports;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
const int Writers = 8;
var work = Directory.CreateTempSubdirectory("imebridge-bench-workflow-");
var referrals = new BenchReferrals(BenchReferrals.FindSample(), Guid.NewGuid().ToString("N")[..6]);
var firstDay = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(1);
const int SlotsPerDay = 8, Days = 120;
var expertCount = Math.Max(4, (int)Math.Ceiling(count * 1.3 / (SlotsPerDay * Days * 5 / 7.0)));
Console.WriteLine($"{count:N0} referrals, {expertCount} experts x {SlotsPerDay} slots a business day for {Days} days; {Environment.ProcessorCount} cores, load average {LoadAverage()}");
try
{
    // Warm-up: JIT, schema, connections, rules tables.
    await RunWorkflowAsync(Path.Combine(work.FullName, "warm-up"), 200, offset: 9_000_000, paced: null);

    var baseline = await IntakeOnlyAsync(Path.Combine(work.FullName, "intake-only"), count);
    Console.WriteLine($"(a) intake only            {count,7:N0} in {baseline.TotalSeconds,6:F2} s = {count / baseline.TotalSeconds,8:N0} referrals/s");

    var folder = Path.Combine(work.FullName, "workflow");
    var burst = await RunWorkflowAsync(folder, count, offset: 0, paced: null);
    var burstRate = count / burst.Elapsed.TotalSeconds;
    Console.WriteLine($"(b) burst to Scheduled     {count,7:N0} in {burst.Elapsed.TotalSeconds,6:F2} s = {burstRate,8:N0} referrals/s; ratio b/a = {burstRate / (count / baseline.TotalSeconds):P1}");
    Console.WriteLine($"    acceptance → Scheduled p50 {burst.Latency.P50,8:N0} ms  p95 {burst.Latency.P95,8:N0} ms  p99 {burst.Latency.P99,8:N0} ms (queueing in a burst)");

    var pacedCount = Math.Max(100, count / 5);
    var pacedRate = burstRate / 2;
    var paced = await RunWorkflowAsync(Path.Combine(work.FullName, "paced"), pacedCount, offset: 0, paced: pacedRate);
    Console.WriteLine($"(c) paced at {pacedRate,6:N0}/s       {pacedCount,7:N0} in {paced.Elapsed.TotalSeconds,6:F2} s");
    Console.WriteLine($"    acceptance → Scheduled p50 {paced.Latency.P50,8:N1} ms  p95 {paced.Latency.P95,8:N1} ms  p99 {paced.Latency.P99,8:N1} ms; p95 / (a)'s mean intake time = {paced.Latency.P95 / (baseline.TotalMilliseconds * Writers / count):N1}");
    Console.WriteLine($"peak RSS (VmHWM): {PeakRssMiB():F0} MiB; load average {LoadAverage()}");
    return burst.AllScheduled && paced.AllScheduled ? 0 : 1;
}
finally
{
    SqliteConnection.ClearAllPools();
    work.Delete(recursive: true);
}

async Task<TimeSpan> IntakeOnlyAsync(string folder, int n)
{
    using var host = await BenchHost.StartAsync(folder, runWorkflow: false);
    referrals.RecordsSha256 = (await host.Services.GetRequiredService<IDocumentStore>().PutAsync(BenchReferrals.RecordsPdf, "application/pdf", CancellationToken.None)).Sha256;
    var started = Stopwatch.GetTimestamp();
    await AcceptAllAsync(host.Services, n, offset: 0, paced: null);
    var elapsed = Stopwatch.GetElapsedTime(started);
    await host.StopAsync();
    return elapsed;
}

async Task<WorkflowRun> RunWorkflowAsync(string folder, int n, int offset, double? paced)
{
    using var host = await BenchHost.StartAsync(folder, runWorkflow: true);
    await host.Services.GetRequiredService<IExpertDirectory>().UpsertAsync(BenchExperts.Create(expertCount, firstDay, Days, SlotsPerDay), CancellationToken.None);
    referrals.RecordsSha256 = (await host.Services.GetRequiredService<IDocumentStore>().PutAsync(BenchReferrals.RecordsPdf, "application/pdf", CancellationToken.None)).Sha256;
    var database = Path.Combine(folder, "imebridge.db");
    var started = Stopwatch.GetTimestamp();
    await AcceptAllAsync(host.Services, n, offset, paced);
    var states = await BenchDatabase.WaitUntilSettledAsync(database, n, TimeSpan.FromMinutes(30));
    var elapsed = Stopwatch.GetElapsedTime(started);
    await host.StopAsync();
    var latency = BenchDatabase.AcceptedToScheduled(database);
    var all = states.TryGetValue("Scheduled", out var scheduled) && scheduled == n;
    if (!all)
    {
        Console.WriteLine("    states at the end: " + string.Join(", ", states.Select(s => $"{s.Key} {s.Value:N0}")));
        Console.WriteLine("    escalations: " + string.Join("; ", BenchDatabase.Escalations(database)));
    }

    return new WorkflowRun(elapsed, latency, all);
}

async Task AcceptAllAsync(IServiceProvider services, int n, int offset, double? paced)
{
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
    {
        for (var i = Interlocked.Increment(ref next); i < n; i = Interlocked.Increment(ref next))
        {
            if (paced is { } rate && TimeSpan.FromSeconds(i / rate) - clock.Elapsed is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            await BenchHost.AcceptAsync(services, referrals.Body(offset + i), offset + i);
        }
    })));
}

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static double PeakRssMiB()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
}

internal sealed record WorkflowRun(TimeSpan Elapsed, Percentiles Latency, bool AllScheduled);
