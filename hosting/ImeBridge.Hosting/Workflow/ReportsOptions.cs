namespace ImeBridge.Hosting.Workflow;

/// <summary>Bound from the <c>reports</c> section: the report writer's token and the largest report taken.</summary>
public sealed class ReportsOptions
{
    public const string Section = "reports";
    public const int MinimumTokenLength = 24;

    /// <summary>Bearer token of the report writer (the expert's office system) for <c>POST /api/reports</c>; the route answers 404 while it is not set.</summary>
    public string? WriterToken { get; set; }

    /// <summary>The largest report PDF taken, in bytes; larger gets 413. Kestrel's own request limit (30 MB by default) applies too.</summary>
    public long MaxReportBytes { get; set; } = 25L * 1024 * 1024;

    public bool WriterApiEnabled => !string.IsNullOrWhiteSpace(WriterToken);
}
