// The FHIR channel's normalize against the Firely parse it starts with, on realistic referral Bundles (README.md).
// Without a --job argument every benchmark runs 3 warm-up and 10 measured iterations in one process launch.
// --paired [SECONDS] runs the interleaved comparison of PairedRun.cs instead (robust on a busy machine).
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using ImeBridge.Bench.Fhir;

if (args.Length > 0 && args[0] == "--paired")
{
    PairedRun.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
    return;
}

// A busy 2-core machine can take longer than the default two minutes to build the generated project.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
if (!args.Any(a => a.StartsWith("--job", StringComparison.Ordinal) || a == "-j"))
{
    config = config.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).AsDefault());
}

BenchmarkSwitcher.FromAssembly(typeof(FhirNormalizeBenchmarks).Assembly).Run(args, config);
