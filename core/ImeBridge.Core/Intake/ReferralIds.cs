namespace ImeBridge.Core.Intake;

/// <summary>Referral ids are time-ordered (UUID v7) so they index well and sort by arrival.</summary>
public static class ReferralIds
{
    public static string New(TimeProvider time) => "ref_" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");

    public static string NewRejection(TimeProvider time) => "rej_" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
}
