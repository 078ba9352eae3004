namespace ImeBridge.Core.Experts;

/// <summary>An office where an expert examines.</summary>
/// <param name="Id">Unique within the expert; slots point at it.</param>
/// <param name="TimeZone">IANA time zone id (America/New_York).</param>
public sealed record ExpertOffice(
    string Id,
    string Line1,
    string City,
    string State,
    string PostalCode,
    double? Latitude,
    double? Longitude,
    string TimeZone);
