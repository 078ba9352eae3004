namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>The <c>reportDelivery</c> configuration section.</summary>
public sealed class ReportDeliveryOptions
{
    public const string Section = "reportDelivery";

    public static readonly TimeSpan DefaultLinkLifetime = TimeSpan.FromDays(14);

    /// <summary>How long a report link works after the report is sent.</summary>
    public TimeSpan LinkLifetime { get; set; } = DefaultLinkLifetime;

    /// <summary>Per state code (<c>NY</c>), the board's intake, used when the referral names no board party with an email.</summary>
    public Dictionary<string, BoardAddress> Boards { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The public origin report links are built on (<c>https://imebridge.example.com</c>); when not set, <c>documents:publicBaseUrl</c>.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>A board's intake for served reports.</summary>
public sealed class BoardAddress
{
    public string? Email { get; set; }

    public string? Name { get; set; }
}
