namespace ImeBridge.Core.Rules;

/// <summary>How a period of days is counted.</summary>
public enum DayCount
{
    Calendar,

    /// <summary>Monday to Friday except US federal holidays (observed dates).</summary>
    Business,
}
