namespace ImeBridge.Core.Messaging;

/// <summary>Exponential back-off for failed handlers: 5 s, 10 s, 20 s … capped at 10 minutes.</summary>
public static class RetryBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(10);

    public static TimeSpan For(int deliveryCount)
    {
        var exponent = Math.Clamp(deliveryCount - 1, 0, 16);
        var delay = First * Math.Pow(2, exponent);
        return delay < Cap ? delay : Cap;
    }
}
