namespace ImeBridge.Core.Matching;

/// <summary>Where a US ZIP code is, roughly: the centre of its ZIP Code Tabulation Area. See docs/zip-centroids.md.</summary>
public interface IZipCentroids
{
    /// <summary>The centroid of the 5-digit ZIP that <paramref name="postalCode"/> starts with (<c>12207</c>, <c>12207-1234</c>); null when unknown.</summary>
    GeoPoint? Find(string? postalCode);
}
