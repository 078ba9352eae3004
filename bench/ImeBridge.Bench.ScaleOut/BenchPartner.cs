namespace ImeBridge.Bench.ScaleOut;

/// <summary>The one partner every serve process of the bench knows, and the operator token that imports the experts.</summary>
internal static class BenchPartner
{
    public const string Id = "bench";
    public const string Kind = "insurer";
    public const string Name = "Bench Mutual";
    public const string WebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string ApiToken = "bench-api-token-000000000000";
    public const string OperatorToken = "bench-operator-token-0000000000";
}
