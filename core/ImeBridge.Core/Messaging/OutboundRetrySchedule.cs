namespace ImeBridge.Core.Messaging;

/// <summary>
/// When a delivery to a partner's system (a signed webhook, a FHIR Task write-back) is tried again after a failure:
/// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then it is dead-lettered. A longer <c>Retry-After</c> from the partner wins.
/// </summary>
public static class OutboundRetrySchedule
{
    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];

    /// <summary>Attempts in all: the first and one per delay.</summary>
    public static int MaxAttempts => Delays.Length + 1;

    /// <summary>The wait before the next attempt after attempt <paramref name="deliveryCount"/> failed; null when it was the last.</summary>
    public static TimeSpan? After(int deliveryCount, TimeSpan? retryAfter = null)
    {
        if (deliveryCount < 1 || deliveryCount > Delays.Length)
        {
            return null;
        }

        var scheduled = Delays[deliveryCount - 1];
        return retryAfter is { } asked && asked > scheduled ? asked : scheduled;
    }
}
