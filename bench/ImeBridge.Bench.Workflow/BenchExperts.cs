using System.Globalization;
using ImeBridge.Core.Experts;

namespace ImeBridge.Bench.Workflow;

/// <summary>
/// Orthopaedic surgeons licensed in New York with hourly slots on business days, enough for every referral of a run:
/// the directory a busy regional IME vendor has.
/// </summary>
internal static class BenchExperts
{
    public static IReadOnlyList<Expert> Create(int count, DateOnly firstDay, int days, int slotsPerDay)
    {
        var zone = "America/New_York";
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var experts = new List<Expert>(count);
        for (var i = 0; i < count; i++)
        {
            var npi = Npi(100_000_000 + (i * 7919));
            var office = new ExpertOffice($"o{i}", $"{100 + i} State St", "Albany", "NY", i % 2 == 0 ? "12207" : "12210", null, null, zone);
            var slots = new List<AvailabilitySlot>();
            for (var d = 0; d < days; d++)
            {
                var day = firstDay.AddDays(d);
                if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    continue;
                }

                for (var s = 0; s < slotsPerDay; s++)
                {
                    var local = day.ToDateTime(new TimeOnly(9 + s, 0));
                    slots.Add(new AvailabilitySlot(new DateTimeOffset(local, tz.GetUtcOffset(local)).ToUniversalTime(), 60, office.Id));
                }
            }

            experts.Add(new Expert
            {
                ExpertId = ExpertIds.FromNpi(npi),
                Name = $"Bench Examiner {i.ToString(CultureInfo.InvariantCulture)}, MD",
                Npi = npi,
                Specialties = [new ExpertSpecialty("207X00000X", "Orthopaedic Surgery")],
                LicensedStates = ["NY"],
                Offices = [office],
                Languages = ["en"],
                AvailabilitySlots = slots,
                CapacityPerDay = slotsPerDay,
                AverageTurnaroundDays = 10 + (i % 7),
            });
        }

        return experts;
    }

    /// <summary>A valid NPI: nine digits and the Luhn check digit over the 80840 prefix.</summary>
    private static string Npi(int nineDigits)
    {
        var body = nineDigits.ToString("D9", CultureInfo.InvariantCulture);
        var digits = ("80840" + body).Select(c => c - '0').ToArray();
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 0)
            {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }

            sum += d;
        }

        return body + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture);
    }
}
