using ImeBridge.Core.Outbound.Templates;
using ImeBridge.Core.Outbound.Templates.Models;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Scheduling;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Outbound.ClaimantMessages;

/// <summary>
/// What an appointment message may tell the claimant: the office-local date and time, the office (the expert's
/// practice name and address from the directory), the help phone, whether an interpreter is arranged, and how many
/// days away the exam is from the claimant's point of view.
/// </summary>
public sealed class AppointmentModelBuilder(IExpertDirectory experts, IOptions<ClaimantMessagingOptions> options)
{
    public async Task<AppointmentMessageModel> BuildAsync(StoredReferral stored, CaseAppointment appointment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(appointment);
        var expert = await experts.GetAsync(appointment.ExpertId, cancellationToken);
        var office = expert?.Offices.FirstOrDefault(o => o.Id == appointment.OfficeId);
        var officeToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Timing.QuietHours.Zone(appointment.TimeZone)).Date);
        return new AppointmentMessageModel
        {
            LocalDate = appointment.LocalDate,
            LocalTime = appointment.LocalTime,
            TimeZoneAbbreviation = TimeZoneAbbreviations.For(appointment.TimeZone, appointment.Start),
            OfficeName = expert?.Practice?.Name ?? expert?.Name ?? string.Empty,
            OfficeAddress = office is null ? string.Empty : $"{office.Line1}, {office.City}, {office.State} {office.PostalCode}",
            HelpPhone = options.Value.HelpPhone,
            InterpreterNeeded = stored.Referral.Claimant?.InterpreterNeeded ?? false,
            DaysAway = Math.Max(0, appointment.LocalDate.DayNumber - officeToday.DayNumber),
            Language = stored.Referral.Claimant?.PreferredLanguage,
        };
    }
}
