namespace ImeBridge.Core.Outbound.Templates.Models;

/// <summary>The examiner's link to the case packet; the packet itself never travels by email.</summary>
public sealed class PacketLinkModel
{
    public string ReferralId { get; set; } = "";
    public string Url { get; set; } = "";
    public DateOnly ExpiresOnDate { get; set; }
    public TimeOnly ExpiresAtTime { get; set; }
    public string TimeZoneAbbreviation { get; set; } = "";
}
