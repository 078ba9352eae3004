namespace ImeBridge.Core.Rules;

/// <summary>A US federal holiday: its legal date and the weekday it is observed on.</summary>
public sealed record FederalHoliday(string Name, DateOnly Date, DateOnly Observed);
