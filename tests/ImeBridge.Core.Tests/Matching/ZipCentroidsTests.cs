using ImeBridge.Core.Matching;

namespace ImeBridge.Core.Tests.Matching;

/// <summary>The shipped ZIP centroid table (Census 2021 ZCTA Gazetteer) and great-circle miles between ZIPs.</summary>
public sealed class ZipCentroidsTests
{
    [Fact]
    public void The_shipped_table_knows_every_zcta_and_where_a_zip_is()
    {
        var zips = ZipCentroids.Loaded;

        Assert.Equal(33_791, zips.Count);
        var chelsea = zips.Find("10001")!.Value;
        Assert.Equal(40.7507, chelsea.Latitude, 3);
        Assert.Equal(-73.9973, chelsea.Longitude, 3);
        Assert.Equal(18.1806, zips.Find("00601")!.Value.Latitude, 3);
    }

    [Theory]
    [InlineData("12207-1234")]
    [InlineData("122071234")]
    [InlineData(" 12207 ")]
    public void A_zip_plus_four_is_found_by_its_five_digit_zip(string postalCode)
    {
        Assert.Equal(ZipCentroids.Embedded.Find("12207"), ZipCentroids.Embedded.Find(postalCode));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1220")]
    [InlineData("ABCDE")]
    [InlineData("K1A 0B1")]
    [InlineData("12201")]
    [InlineData("00000")]
    public void A_postal_code_that_is_no_known_zcta_has_no_centroid(string? postalCode)
    {
        Assert.Null(ZipCentroids.Embedded.Find(postalCode));
    }

    [Theory]
    [InlineData("10001", "12207", 132.2)] // New York (Chelsea) to Albany
    [InlineData("90210", "10001", 2453.4)] // Beverly Hills to New York
    [InlineData("60601", "02108", 847.7)] // Chicago Loop to Boston
    [InlineData("12207", "12208", 3.2)]
    public void Great_circle_miles_between_zip_centroids_match_the_known_figures(string from, string to, double miles)
    {
        var a = ZipCentroids.Embedded.Find(from)!.Value;
        var b = ZipCentroids.Embedded.Find(to)!.Value;

        Assert.Equal(miles, a.MilesTo(b), 0.5);
        Assert.Equal(a.MilesTo(b), b.MilesTo(a), 9);
    }

    [Fact]
    public void A_table_read_from_csv_skips_rows_that_do_not_parse()
    {
        var zips = ZipCentroids.Read(new StringReader("zip,lat,lon\n12207,42.6555,-73.7476\nnot,a,row\n99999,x,1\n"));

        Assert.Equal(1, zips.Count);
        Assert.Equal(new GeoPoint(42.6555f, -73.7476f), zips.Find("12207"));
        Assert.Null(zips.Find("99999"));
    }
}
