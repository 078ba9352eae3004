namespace ImeBridge.Hosting;

/// <summary>One line of a referral's timeline in <see cref="ReferralView"/>; <see cref="At"/> is written in UTC.</summary>
public sealed record TimelineEntryView(DateTimeOffset At, string Event, string? Status, string? Actor, string? MessageId, string? Detail);
