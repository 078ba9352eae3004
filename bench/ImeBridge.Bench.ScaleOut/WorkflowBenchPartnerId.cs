namespace ImeBridge.Bench.Workflow;

/// <summary>
/// The partner id the linked <c>BenchReferrals</c> writes into each referral. The workflow bench's own
/// <c>BenchHost</c> composes an in-process host; this bench talks to <c>imebridge serve</c> over HTTP instead.
/// </summary>
internal static class BenchHost
{
    public const string PartnerId = ImeBridge.Bench.ScaleOut.BenchPartner.Id;
}
