// The issue's proof on one machine: `imebridge serve --store postgres --bus servicebus` processes sharing one real
// PostgreSQL and one Service Bus endpoint (the in-process AMQP 1.0 one, on a fixed port so every process reaches it).
// (1) one process, (2) three processes, each on a fresh database and queue with the same number of signed referrals,
// posted round-robin with bounded concurrency until every referral is booked (Scheduled; ClaimantNotified once the
// notice went out). In (2) one process is killed with
// SIGKILL while the burst is in flight and started again on the same port; submits it failed are sent again with the
// same webhook-id. Then PostgreSQL is checked directly (stored once, no message applied twice, timelines in the
// workflow's order, outbox empty, nothing dead-lettered, nothing sent twice) and both throughputs and their ratio are
// printed. Exit 0 only when every check passed.
//   bench/scale-out.sh [REFERRALS=1000] [PROCESSES=3] [CONCURRENCY=16]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Bench.ScaleOut;
using ImeBridge.Bench.Workflow;
using ImeBridge.Testing.ServiceBus;
using ImeBridge.Testing.Servers;
using Npgsql;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000;
var scaledProcesses = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
var sample = BenchReferrals.FindSample();
var repository = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sample)!, "..", ".."));
var cli = Path.Combine(repository, "cli", "ImeBridge.Cli", "bin", "Release", "net10.0", "imebridge.dll");
if (!File.Exists(cli))
{
    Console.Error.WriteLine($"{cli} not found: run `dotnet build -c Release cli/ImeBridge.Cli` first (bench/scale-out.sh does).");
    return 2;
}

var startLimit = TimeSpan.FromMinutes(2);
var settleLimit = TimeSpan.FromMinutes(20);
// As deploy/main.bicep configures the production queue.
var queueSettings = new ServiceBusQueueSettings
{
    RequiresSession = true,
    LockDuration = TimeSpan.FromMinutes(1),
    MaxDeliveryCount = 10,
    DuplicateDetectionWindow = TimeSpan.FromHours(1),
};
var firstDay = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(1);
const int SlotsPerDay = 8, Days = 120;
var expertCount = Math.Max(4, (int)Math.Ceiling(count * 1.3 / (SlotsPerDay * Days * 5 / 7.0)));
var experts = BenchExperts.Create(expertCount, firstDay, Days, SlotsPerDay);
var work = Directory.CreateTempSubdirectory("imebridge-bench-scaleout-");
var runId = Guid.NewGuid().ToString("N")[..6];

Console.WriteLine($"{count:N0} referrals per run, {concurrency} submits in flight, {expertCount} experts; {Environment.ProcessorCount} cores, load average {LoadAverage()}");
var failures = 0;
try
{
    await using var postgres = await PostgresServer.StartAsync();
    using var bus = InProcessServiceBus.Start(port: FreePort());
    Console.WriteLine($"PostgreSQL on 127.0.0.1:{postgres.Port}, Service Bus endpoint on 127.0.0.1:{bus.Port} (lock {queueSettings.LockDuration.TotalSeconds:F0} s, max delivery {queueSettings.MaxDeliveryCount}, duplicate detection {queueSettings.DuplicateDetectionWindow.TotalMinutes:F0} min)");

    var single = await RunAsync(processes: 1, kill: false);
    var scaled = await RunAsync(processes: scaledProcesses, kill: true);
    Console.WriteLine();
    Console.WriteLine($"1 process    : {single.Describe(count)}");
    Console.WriteLine($"{scaledProcesses} processes  : {scaled.Describe(count)}");
    Console.WriteLine($"ratio {scaledProcesses}/1 throughput = {scaled.Throughput(count) / single.Throughput(count):F2}; load average {LoadAverage()}");
    Console.WriteLine(failures == 0 ? "RESULT PASS: every check passed in both runs" : $"RESULT FAIL: {failures} check(s) failed");
    return failures == 0 ? 0 : 1;

    async Task<RunResult> RunAsync(int processes, bool kill)
    {
        Console.WriteLine();
        Console.WriteLine($"== {processes} serve process{(processes == 1 ? "" : "es")}{(kill ? ", one killed (SIGKILL) and restarted during the burst" : "")}");
        var queueName = $"workflow-{processes}p";
        bus.CreateQueue(queueName, queueSettings);
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var database = NpgsqlDataSource.Create(connectionString);
        var folder = Path.Combine(work.FullName, $"{processes}p");
        var referrals = new BenchReferrals(sample, $"{runId}{processes}p") { RecordsSha256 = Convert.ToHexStringLower(SHA256.HashData(BenchReferrals.RecordsPdf)) };
        var serves = new List<ServeProcess>();
        try
        {
            for (var i = 1; i <= processes; i++)
            {
                var data = Path.Combine(folder, $"serve-{i}");
                // The records every referral lists, in the process's own document folder (as an SFTP batch's attachments are).
                await new LocalDocumentStore(Path.Combine(data, "documents")).PutAsync(BenchReferrals.RecordsPdf, "application/pdf", CancellationToken.None);
                var config = ServeConfig.Write(Path.Combine(folder, $"serve-{i}.json"), connectionString, bus.ConnectionString, queueName);
                serves.Add(new ServeProcess(i, cli, data, config, FreePort()));
            }

            // The first migrates the new database; the others then start together.
            await serves[0].StartAsync(startLimit);
            await Task.WhenAll(serves.Skip(1).Select(s => s.StartAsync(startLimit)));
            await ExpertsImport.ImportAsync(serves[0].BaseAddress, experts);
            Console.WriteLine($"    started on ports {string.Join(", ", serves.Select(s => s.Port))}; experts imported through serve #1's operator API");

            using var submitter = new ReferralSubmitter(serves, referrals, $"{runId}{processes}p", concurrency);
            var clock = Stopwatch.StartNew();
            var killing = kill && serves.Count > 1 ? KillAndRestartAsync(submitter, serves[1], count * 2 / 5, clock) : Task.FromResult<string?>(null);
            var submitted = await submitter.SubmitAsync(count);
            var killNote = await killing;
            Console.WriteLine($"    submitted {count:N0} in {submitted.Elapsed.TotalSeconds:F1} s: {submitted.Retried} submits sent again after a failure, {submitted.Repeats} answered 200 (already stored), {submitted.Refusals.Count} refused");
            foreach (var refusal in submitted.Refusals.Take(3))
            {
                Console.WriteLine("      " + refusal);
            }

            if (killNote is not null)
            {
                Console.WriteLine("    " + killNote);
            }

            var settled = await Settlement.WaitAsync(database, count, settleLimit);
            var elapsed = clock.Elapsed;
            Console.WriteLine(settled
                ? $"    all {count:N0} booked (Scheduled or later) or stopped {elapsed.TotalSeconds:F1} s after the first submit"
                : $"    not all settled after {settleLimit.TotalMinutes:F0} min");
            var outboxLeft = await Settlement.WaitQuietAsync(database, TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(5));
            var checks = new ScaleOutChecks(database, Console.Out);
            if (!settled)
            {
                Console.WriteLine("    FAIL  every referral settled within the time limit");
                failures++;
            }

            await checks.RunAsync(submitted.ReferralIds, outboxLeft, bus.CountMessages(queueName).DeadLettered);
            failures += checks.Failures;
            return new RunResult(elapsed, killNote);
        }
        finally
        {
            foreach (var serve in serves)
            {
                await serve.DisposeAsync();
            }
        }
    }

    async Task<string?> KillAndRestartAsync(ReferralSubmitter submitter, ServeProcess victim, int after, Stopwatch clock)
    {
        while (submitter.Completed < after)
        {
            await Task.Delay(10);
        }

        var pid = victim.ProcessId;
        victim.Kill();
        var killedAt = clock.Elapsed;
        var answered = submitter.Completed;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var restartAt = clock.Elapsed;
        await victim.StartAsync(startLimit);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"serve #{victim.Index} (pid {pid}) killed with SIGKILL at {killedAt.TotalSeconds:F1} s ({answered:N0} submits answered), started again at {restartAt.TotalSeconds:F1} s on port {victim.Port}, healthy at {clock.Elapsed.TotalSeconds:F1} s (pid {victim.ProcessId})");
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    try
    {
        work.Delete(recursive: true);
    }
    catch (IOException)
    {
        // A child still closing a log file; the folder is under the temporary directory.
    }
}

static int FreePort()
{
    using var probe = new TcpListener(IPAddress.Loopback, 0);
    probe.Start();
    return ((IPEndPoint)probe.LocalEndpoint).Port;
}

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

internal sealed record RunResult(TimeSpan Elapsed, string? KillNote)
{
    public double Throughput(int count) => count / Elapsed.TotalSeconds;

    public string Describe(int count) => string.Create(CultureInfo.InvariantCulture, $"{count:N0} referrals in {Elapsed.TotalSeconds,6:F1} s = {Throughput(count),6:F1} referrals/s (first submit to every referral booked)");
}
