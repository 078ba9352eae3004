// One run, two measurements over the same generated canonical CSV:
//   (a) CsvHelper merely reading the local file (the floor);
//   (b) one SFTP poll: download over a real sshd + intake into the embedded store + acks uploaded (upload of the
//       batch itself excluded: the file is put into the inbound folder directly).
// Prints rows/s for both, the ratio of their times, peak RSS (VmHWM) and the referrals stored.
using System.Diagnostics;
using System.Globalization;
using ImeBridge.Adapters.Sftp;
using ImeBridge.Bench.SftpBatch;
using ImeBridge.Hosting;
using ImeBridge.Testing;
using ImeBridge.Testing.Servers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
using var server = SshdServer.Start();
using var data = new TempDirectory();
var inbound = Path.Combine(server.DataFolder, "bench", "inbound");
Directory.CreateDirectory(inbound);
var source = data.File("batch.csv");
BenchCsv.Write(source, rows);
Console.WriteLine($"rows {rows:N0}, file {new FileInfo(source).Length / 1024.0 / 1024.0:F1} MiB");

var read = Stopwatch.StartNew();
var readRows = await CsvFloor.CountRowsAsync(source);
read.Stop();

File.Copy(source, Path.Combine(inbound, "batch.csv"));
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["partners:0:id"] = "bench",
    ["partners:0:kind"] = "insurer",
    ["partners:0:webhookSecret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3A0jlsNVbzk=",
    ["partners:0:apiToken"] = "bench-token",
    ["partners:0:sftp:host"] = server.Host,
    ["partners:0:sftp:port"] = server.Port.ToString(CultureInfo.InvariantCulture),
    ["partners:0:sftp:username"] = server.UserName,
    ["partners:0:sftp:privateKeyFile"] = server.ClientPrivateKeyFile,
    ["partners:0:sftp:hostKeySha256"] = server.HostKeySha256,
    ["partners:0:sftp:inboundFolder"] = inbound,
    ["partners:0:sftp:stableFor"] = "00:00:00",
});
builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
    .AddFilter("ImeBridge.Core.Batch.BatchIntake", LogLevel.Information)
    .AddFilter("ImeBridge.Adapters.Sftp", LogLevel.Information);
// As in `serve`: the queue pump dispatches each referral's ReferralReceived while the file is taken in.
builder.AddImeBridge().UseEmbedded(data.File("store"));
builder.AddImeBridgeSftp(o => o.WorkFolder = data.File("work"), runPollingService: false);
using var host = builder.Build();
await host.StartAsync();

var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var poll = Stopwatch.StartNew();
var summary = await host.Services.GetRequiredService<SftpBatchPoller>().PollAsync("bench", CancellationToken.None);
poll.Stop();
var pollCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
await host.StopAsync();

var stored = CountReferrals(data.File("store"));
var readRate = readRows / read.Elapsed.TotalSeconds;
var pollRate = summary.Records / poll.Elapsed.TotalSeconds;
Console.WriteLine($"(a) CsvHelper read      {readRows,9:N0} rows in {read.Elapsed.TotalSeconds,7:F2} s = {readRate,12:N0} rows/s");
Console.WriteLine($"(b) SFTP poll + intake  {summary.Records,9:N0} rows in {poll.Elapsed.TotalSeconds,7:F2} s = {pollRate,12:N0} rows/s");
Console.WriteLine($"(b) CPU time            {pollCpu.TotalSeconds,7:F2} s over {Environment.ProcessorCount} cores (machine load average {LoadAverage()})");
Console.WriteLine($"ratio b/a (time)        {poll.Elapsed.TotalSeconds / read.Elapsed.TotalSeconds:F1}x");
Console.WriteLine($"accepted {summary.Accepted:N0}, duplicates {summary.Duplicates:N0}, rejected {summary.Rejected:N0}, referrals stored {stored:N0}");
Console.WriteLine($"peak RSS (VmHWM)        {PeakRssMiB():F0} MiB");
return stored == rows && summary.Rejected == 0 ? 0 : 1;

static long CountReferrals(string storeFolder)
{
    using var connection = new SqliteConnection($"Data Source={Path.Combine(storeFolder, ImeBridgeBuilder.DatabaseFileName)};Mode=ReadOnly;Pooling=False");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT COUNT(*) FROM referrals";
    return (long)command.ExecuteScalar()!;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

static double PeakRssMiB()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}
