using ImeBridge.Core.Experts;
using ImeBridge.Core.Model;

namespace ImeBridge.Core.Matching;

/// <summary>
/// How far the claimant would travel: great-circle miles from the centroid of the claimant's ZIP to an office (its
/// coordinates when the directory gives them, else the centroid of its ZIP). Unknown (null) when either place is.
/// </summary>
public static class TravelDistance
{
    /// <summary>
    /// The office weighed and its miles: the office of the first feasible slot when there is one (the exam happens
    /// there), else the expert's nearest office. Miles null when the claimant's or the office's place is unknown.
    /// </summary>
    public static (ExpertOffice? Office, double? Miles) To(IZipCentroids zips, PostalAddress? claimant, Expert expert, ExpertOffice? slotOffice)
    {
        ArgumentNullException.ThrowIfNull(zips);
        ArgumentNullException.ThrowIfNull(expert);
        if (zips.Find(claimant?.PostalCode) is not { } from)
        {
            return (slotOffice, null);
        }

        if (slotOffice is not null)
        {
            return (slotOffice, Miles(zips, from, slotOffice));
        }

        var nearest = expert.Offices
            .Select(o => (Office: o, Miles: Miles(zips, from, o)))
            .Where(d => d.Miles is not null)
            .OrderBy(d => d.Miles)
            .FirstOrDefault();
        return nearest.Office is null ? (null, null) : (nearest.Office, nearest.Miles);
    }

    private static double? Miles(IZipCentroids zips, GeoPoint from, ExpertOffice office) =>
        Where(zips, office) is { } to ? from.MilesTo(to) : null;

    private static GeoPoint? Where(IZipCentroids zips, ExpertOffice office) =>
        office is { Latitude: { } lat, Longitude: { } lon } ? new GeoPoint(lat, lon) : zips.Find(office.PostalCode);
}
