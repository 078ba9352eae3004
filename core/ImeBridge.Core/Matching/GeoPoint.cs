namespace ImeBridge.Core.Matching;

/// <summary>A place on the earth in decimal degrees (WGS 84 / NAD 83, the same to within metres).</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    // The mean radius of the earth (IUGG), in statute miles.
    private const double EarthRadiusMiles = 3958.7613;

    /// <summary>The great-circle distance to <paramref name="other"/> in statute miles (haversine): as the crow flies, not by road.</summary>
    public double MilesTo(GeoPoint other)
    {
        var lat1 = Radians(Latitude);
        var lat2 = Radians(other.Latitude);
        var dLat = lat2 - lat1;
        var dLon = Radians(other.Longitude - Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(lat1) * Math.Cos(lat2) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusMiles * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
