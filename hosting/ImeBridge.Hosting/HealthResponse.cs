namespace ImeBridge.Hosting;

/// <summary>
/// Body of <c>GET /health</c>: <c>ok</c> when every engine in use answers, <c>failed</c> otherwise, with one check per
/// engine so a load balancer and an operator see which one is down. Names and outcomes only, never a connection string.
/// </summary>
public sealed record HealthResponse(string Status)
{
    public IReadOnlyList<EngineCheck> Checks { get; init; } = [];
}

/// <param name="Name"><c>store</c>, <c>queue</c> or <c>documents</c>.</param>
/// <param name="Engine">Which engine serves it: <c>sqlite</c>, <c>postgres</c>, <c>servicebus</c>, <c>localFiles</c>, <c>azureBlob</c>.</param>
/// <param name="Status"><c>ok</c> or <c>failed</c>.</param>
/// <param name="Reason">Why it failed: <c>timeout</c> (no answer in time) or <c>error</c> (it answered with one; the log has the exception type); null when ok.</param>
public sealed record EngineCheck(string Name, string Engine, string Status, string? Reason = null);
