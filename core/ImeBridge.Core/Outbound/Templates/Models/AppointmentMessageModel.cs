namespace ImeBridge.Core.Outbound.Templates.Models;

/// <summary>
/// What a claimant message about an appointment may say — and nothing more: when, where, what to bring, how to answer.
/// No name, diagnosis or claim detail has a place here, so no template can leak one.
/// </summary>
public sealed class AppointmentMessageModel
{
    /// <summary>The exam's date at the office.</summary>
    public DateOnly LocalDate { get; set; }

    /// <summary>The exam's start at the office.</summary>
    public TimeOnly LocalTime { get; set; }

    /// <summary>EST, CDT, … — see <see cref="TimeZoneAbbreviations"/>.</summary>
    public string TimeZoneAbbreviation { get; set; } = "";

    public string OfficeName { get; set; } = "";

    /// <summary>One line: street, suite, city, state, ZIP.</summary>
    public string OfficeAddress { get; set; } = "";

    /// <summary>How to get there (parking, entrance, transit); empty to leave the paragraph out.</summary>
    public string Directions { get; set; } = "";

    /// <summary>Items beyond the standard list (<c>what-to-bring.json</c>), already in the recipient's language.</summary>
    public IList<string> WhatToBring { get; } = [];

    public string ConfirmKeyword { get; set; } = "C";
    public string RescheduleKeyword { get; set; } = "R";

    /// <summary>The scheduling desk's phone, as the claimant should dial it.</summary>
    public string HelpPhone { get; set; } = "";

    public bool InterpreterNeeded { get; set; }

    /// <summary>Whole local days from the message to the exam (0 today, 1 tomorrow); reminders word their "when" by it.</summary>
    public int DaysAway { get; set; }

    /// <summary>The requested language (BCP 47); informational — the renderer is told the language separately.</summary>
    public string? Language { get; set; }
}
