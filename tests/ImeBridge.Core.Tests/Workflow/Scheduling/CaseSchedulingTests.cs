using ImeBridge.Core.Workflow.Case;
using ImeBridge.Core.Workflow.Scheduling;
using static ImeBridge.Core.Tests.Workflow.Scheduling.SchedulingFixtures;

namespace ImeBridge.Core.Tests.Workflow.Scheduling;

public sealed class CaseSchedulingTests
{
    private static CaseAppointment Appointment(int day) =>
        new(ExpertId, "alb", NewYork(12, day, 9), 60, "America/New_York", new DateOnly(2026, 12, day), new TimeOnly(9, 0), "ny-notice", "N.Y. WCL §137", FridayMorning);

    [Fact]
    public void The_appointment_and_its_history_survive_the_stored_json()
    {
        var scheduling = new CaseScheduling { Appointment = Appointment(2), Reschedules = 1 }.EndAppointment("Rescheduled", FridayMorning) with { Appointment = Appointment(3) };
        var referralCase = ReferralCase.Empty with { Scheduling = scheduling };

        var read = CaseJson.Deserialize(CaseJson.Serialize(referralCase));

        Assert.Equal(Appointment(3), read.Scheduling!.Appointment);
        Assert.Equal(1, read.Scheduling.Reschedules);
        var past = Assert.Single(read.Scheduling.History);
        Assert.Equal(new PastAppointment(Appointment(2), "Rescheduled", FridayMorning), past);
    }

    [Fact]
    public void The_history_keeps_only_the_latest_appointments()
    {
        var scheduling = new CaseScheduling();
        for (var day = 1; day <= 8; day++)
        {
            scheduling = (scheduling with { Appointment = Appointment(day) }).EndAppointment("NoShow", FridayMorning);
        }

        Assert.Null(scheduling.Appointment);
        Assert.Equal([4, 5, 6, 7, 8], scheduling.History.Select(h => h.Appointment.LocalDate.Day));
    }
}
