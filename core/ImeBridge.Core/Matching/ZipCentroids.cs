using System.Globalization;
using System.IO.Compression;

namespace ImeBridge.Core.Matching;

/// <summary>
/// The ZIP centroids shipped with ImeBridge: the US Census Bureau's 2021 ZCTA Gazetteer (public domain) as a gzip'd
/// <c>zip,lat,lon</c> CSV embedded in this assembly (provenance in docs/zip-centroids.md). Read once, on first use,
/// into a table indexed by the ZIP's number (about 0.8 MB).
/// </summary>
public sealed class ZipCentroids : IZipCentroids
{
    public const string ResourceName = "ImeBridge.Matching.zip-centroids.csv.gz";

    private static readonly Lazy<ZipCentroids> Shipped = new(() => Read(OpenEmbedded()));

    private readonly float[] latitudes;
    private readonly float[] longitudes;

    private ZipCentroids(float[] latitudes, float[] longitudes, int count)
    {
        this.latitudes = latitudes;
        this.longitudes = longitudes;
        Count = count;
    }

    /// <summary>The table shipped with ImeBridge, read on the first look-up (not before).</summary>
    public static IZipCentroids Embedded { get; } = new ReadOnFirstUse();

    /// <summary>The table shipped with ImeBridge, read now if it was not yet.</summary>
    public static ZipCentroids Loaded => Shipped.Value;

    /// <summary>How many ZIPs the table knows.</summary>
    public int Count { get; }

    public GeoPoint? Find(string? postalCode)
    {
        if (ZipNumber(postalCode) is not { } zip || float.IsNaN(latitudes[zip]))
        {
            return null;
        }

        return new GeoPoint(latitudes[zip], longitudes[zip]);
    }

    /// <summary>Reads a <c>zip,lat,lon</c> CSV (with its header line); rows that do not parse are skipped.</summary>
    public static ZipCentroids Read(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var latitudes = new float[100_000];
        var longitudes = new float[100_000];
        Array.Fill(latitudes, float.NaN);
        var count = 0;
        while (csv.ReadLine() is { } line)
        {
            var parts = line.Split(',');
            if (parts.Length == 3
                && ZipNumber(parts[0]) is { } zip
                && float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                && float.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                count += float.IsNaN(latitudes[zip]) ? 1 : 0;
                latitudes[zip] = lat;
                longitudes[zip] = lon;
            }
        }

        return new ZipCentroids(latitudes, longitudes, count);
    }

    private static StreamReader OpenEmbedded()
    {
        var stream = typeof(ZipCentroids).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        return new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
    }

    private static ZipCentroids Read(StreamReader reader)
    {
        using (reader)
        {
            return Read((TextReader)reader);
        }
    }

    private sealed class ReadOnFirstUse : IZipCentroids
    {
        public GeoPoint? Find(string? postalCode) => Shipped.Value.Find(postalCode);
    }

    // The first five digits of a ZIP or ZIP+4 (12207, 12207-1234, 122071234).
    private static int? ZipNumber(string? postalCode)
    {
        var trimmed = postalCode.AsSpan().Trim();
        var zipPlusFour = trimmed.Length == 9 || trimmed.Length == 10 && trimmed[5] == '-';
        if (trimmed.Length != 5 && !zipPlusFour)
        {
            return null;
        }

        return int.TryParse(trimmed[..5], NumberStyles.None, CultureInfo.InvariantCulture, out var zip) ? zip : null;
    }
}
