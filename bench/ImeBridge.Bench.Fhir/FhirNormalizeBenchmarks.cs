using BenchmarkDotNet.Attributes;

namespace ImeBridge.Bench.Fhir;

/// <summary>
/// Side by side, per input: the Firely parser at its defaults (baseline), the Firely parser as ImeBridge configures it,
/// and the whole <c>normalize --channel fhir</c> of the same bytes. The Ratio column is normalize time / parse time; the requirement is parse / normalize ≥ 0.70,
/// i.e. Ratio ≤ 1.43.
/// </summary>
[MemoryDiagnoser]
public class FhirNormalizeBenchmarks
{
    private readonly Normalizer normalizer = new();
    private byte[] input = [];
    private bool xml;

    [ParamsSource(nameof(Inputs))]
    public string Input { get; set; } = BenchInputs.SampleJson;

    public static IEnumerable<string> Inputs => BenchInputs.Names;

    [GlobalSetup]
    public void Setup()
    {
        input = BenchInputs.Load(Input);
        xml = BenchInputs.IsXml(Input);
        if (FirelyParse.Parse(input, xml) is null)
        {
            throw new InvalidOperationException($"{Input}: Firely did not parse it");
        }

        var (accepted, _, _) = normalizer.Normalize(input);
        if (accepted != BenchInputs.ExpectedAccepted(Input))
        {
            throw new InvalidOperationException($"{Input}: {accepted} referrals accepted, expected {BenchInputs.ExpectedAccepted(Input)}");
        }
    }

    [Benchmark(Baseline = true, Description = "Firely parse")]
    public object? Parse() => FirelyParse.Parse(input, xml);

    [Benchmark(Description = "Firely parse, ImeBridge settings")]
    public object? ParseAsImeBridge() => FirelyParse.ParseAsImeBridge(input, xml);

    [Benchmark(Description = "normalize --channel fhir")]
    public long Normalize()
    {
        var (accepted, refused, outputBytes) = normalizer.Normalize(input);
        return outputBytes + accepted + refused;
    }
}
