using System.Diagnostics;
using System.Globalization;

namespace ImeBridge.Bench.Fhir;

/// <summary>
/// <c>--paired [SECONDS]</c>: the same comparison as the BenchmarkDotNet suite, made robust to a shared, noisy
/// machine. For each input, many short rounds each time a batch of parses and a batch of normalizes back to back
/// (alternating which goes first); the ratio parse / normalize is taken per round, so load that comes and goes hits
/// both sides of a round alike, and the median over rounds is reported with its quartiles.
/// </summary>
internal static class PairedRun
{
    private static readonly TimeSpan RoundTarget = TimeSpan.FromMilliseconds(40);

    public static void Run(double secondsPerInput)
    {
        var normalizer = new Normalizer();
        Console.WriteLine("| input | Firely parse, defaults (median µs) | Firely parse, ImeBridge settings | FhirReferralReader.Read (parse + mapping) | normalize | parse / normalize: median | p25 | p75 | normalize overhead over ImeBridge's own parse | rounds |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var name in BenchInputs.Names)
        {
            var input = BenchInputs.Load(name);
            var xml = BenchInputs.IsXml(name);
            void Parse() => FirelyParse.Parse(input, xml);
            void Normalize() => normalizer.Normalize(input);
            void Map() => ImeBridge.Adapters.Fhir.FhirReferralReader.Read(input);
            void OwnParse() => FirelyParse.ParseAsImeBridge(input, xml);

            // Warm up (JIT, tiered compilation, caches) before sizing the batches from a steady-state run.
            WarmUp(Parse);
            WarmUp(Normalize);
            var batch = BatchSize(Normalize);
            var parses = new List<double>();
            var normalizes = new List<double>();
            var maps = new List<double>();
            var ownParses = new List<double>();
            var ratios = new List<double>();
            var clock = Stopwatch.StartNew();
            for (var round = 0; clock.Elapsed.TotalSeconds < secondsPerInput; round++)
            {
                double parse, normalize;
                if (round % 2 == 0)
                {
                    parse = Time(Parse, batch);
                    normalize = Time(Normalize, batch);
                }
                else
                {
                    normalize = Time(Normalize, batch);
                    parse = Time(Parse, batch);
                }

                maps.Add(Time(Map, batch) / batch);
                ownParses.Add(Time(OwnParse, batch) / batch);
                parses.Add(parse / batch);
                normalizes.Add(normalize / batch);
                ratios.Add(parse / normalize);
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {Median(parses):F1} | {Median(ownParses):F1} | {Median(maps):F1} | {Median(normalizes):F1} | {Median(ratios):F2} | {Quantile(ratios, 0.25):F2} | {Quantile(ratios, 0.75):F2} | {Median(normalizes) / Median(ownParses):F2}× | {ratios.Count} |"));
        }
    }

    private static void WarmUp(Action work)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            work();
        }
    }

    private static int BatchSize(Action work)
    {
        var once = Math.Max(Time(work, 3) / 3, 1);
        return Math.Max(1, (int)(RoundTarget.TotalMicroseconds / once));
    }

    /// <summary>Microseconds for <paramref name="count"/> runs.</summary>
    private static double Time(Action work, int count)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            work();
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Round(q * (sorted.Count - 1))];
    }
}
