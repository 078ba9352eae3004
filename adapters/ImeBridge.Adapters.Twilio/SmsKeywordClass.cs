namespace ImeBridge.Adapters.Twilio;

/// <summary>What a claimant's SMS reply asks for (see <c>Data/sms-keywords.json</c>).</summary>
public enum SmsKeywordClass
{
    Unknown,
    OptOut,
    OptIn,
    Help,
    Confirm,
    Reschedule,
}
