using System.Globalization;
using ImeBridge.Core.Experts;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Rules;
using ImeBridge.Core.Workflow.Scheduling;

namespace ImeBridge.Core.Matching;

/// <summary>
/// Chooses the expert for a referral, explainably. Candidates have the needed specialty and a licence in the claim's
/// jurisdiction and are active; excluded are the treating physician, experts of the treating physician's practice,
/// and experts who do not speak the claimant's language when no interpreter is booked. The eligible are ranked by
/// the earliest slot that meets the jurisdiction's notice period (and the due date), then by how near an office is
/// (great-circle miles from the claimant's ZIP centroid; by postal area when a ZIP is unknown), then by report turnaround.
/// </summary>
public sealed class ExpertMatcher(IExpertDirectory directory, TimeProvider time, IZipCentroids zips)
{
    /// <summary>Measures distances with the ZIP centroids shipped with ImeBridge (<see cref="ZipCentroids.Embedded"/>).</summary>
    public ExpertMatcher(IExpertDirectory directory, TimeProvider time)
        : this(directory, time, ZipCentroids.Embedded)
    {
    }

    public async Task<MatchResult> MatchAsync(Referral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var jurisdiction = referral.Claim.Jurisdiction;
        if (RequestedSpecialty.Of(referral) is not { } specialty || string.IsNullOrWhiteSpace(jurisdiction))
        {
            return new MatchResult(null, [], "no specialty or jurisdiction to match on");
        }

        var experts = await directory.ListAsync(new ExpertFilter(specialty.Specialty.NuccCode, jurisdiction, Active: true), cancellationToken);
        var treatingPractice = await TreatingPracticeAsync(referral, cancellationToken);
        var now = time.GetUtcNow();
        var earliest = JurisdictionRules.Embedded.EarliestExamDate(jurisdiction, DateOnly.FromDateTime(now.UtcDateTime));
        var notice = NoticeRule.For(jurisdiction);
        var candidates = new List<ExpertCandidate>(experts.Count);
        foreach (var expert in experts)
        {
            candidates.Add(await WeighAsync(expert, referral, treatingPractice, notice, now, cancellationToken));
        }

        var chosen = candidates.Where(c => c.IsEligible)
            .OrderBy(c => c.Slot is null)
            .ThenBy(c => c.Slot?.Start ?? DateTimeOffset.MaxValue)
            .ThenBy(c => c.Miles ?? double.MaxValue)
            .ThenBy(c => c.Proximity)
            .ThenBy(c => c.TurnaroundDays ?? double.MaxValue)
            .ThenBy(c => c.Expert.ExpertId, StringComparer.Ordinal)
            .FirstOrDefault();
        return new MatchResult(chosen, candidates, Explain(chosen, candidates, specialty, jurisdiction, earliest));
    }

    private async Task<ExpertPractice?> TreatingPracticeAsync(Referral referral, CancellationToken cancellationToken) =>
        referral.Request.TreatingPhysician?.Npi is { Length: > 0 } npi
            ? (await directory.GetAsync(ExpertIds.FromNpi(npi), cancellationToken))?.Practice
            : null;

    private async Task<ExpertCandidate> WeighAsync(Expert expert, Referral referral, ExpertPractice? treatingPractice, NoticeRule notice, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var proximity = NearestProximity(expert, referral.Claimant.Address);
        var turnaround = expert.TypicalTurnaroundDays();
        var exclusion = Exclusion(expert, referral, treatingPractice);
        if (exclusion is not null)
        {
            return new ExpertCandidate(expert, exclusion, null, null, proximity, turnaround);
        }

        // The slot booking would take: the same rules, so a slot other referrals hold does not win the match.
        var bookings = await directory.ListBookingsAsync(expert.ExpertId, cancellationToken);
        var options = SlotFinder.Find(expert, referral.ReferralId ?? string.Empty, notice, referral.Request.DueDate, now, bookings, []).Options;
        var first = options.Count > 0 ? options[0] : null;
        var (distanceOffice, miles) = TravelDistance.To(zips, referral.Claimant.Address, expert, first?.Office);
        return new ExpertCandidate(expert, null, first?.Slot, first?.Office, proximity, turnaround) { Miles = miles, DistanceOffice = distanceOffice };
    }

    private static string? Exclusion(Expert expert, Referral referral, ExpertPractice? treatingPractice)
    {
        if (referral.Request.TreatingPhysician?.Npi is { Length: > 0 } treatingNpi && expert.Npi == treatingNpi)
        {
            return "is the treating physician";
        }

        if (treatingPractice is not null && expert.Practice is { } practice && SamePractice(practice, treatingPractice))
        {
            return "shares the treating physician's practice";
        }

        var language = referral.Claimant.PreferredLanguage;
        if (language is { Length: > 0 } && referral.Claimant.InterpreterNeeded != true && !Speaks(expert, language))
        {
            return "does not speak the claimant's language and no interpreter is booked";
        }

        return null;
    }

    private static bool SamePractice(ExpertPractice a, ExpertPractice b) =>
        a.Id is { Length: > 0 } && string.Equals(a.Id, b.Id, StringComparison.Ordinal)
        || string.Equals(a.Name.Trim(), b.Name.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool Speaks(Expert expert, string language)
    {
        var primary = language.Split('-')[0];
        return expert.Languages.Any(l => string.Equals(l.Split('-')[0], primary, StringComparison.OrdinalIgnoreCase));
    }

    private static Proximity NearestProximity(Expert expert, PostalAddress? claimant)
    {
        if (claimant is null)
        {
            return Proximity.Elsewhere;
        }

        var area = ZipArea(claimant.PostalCode);
        if (area is not null && expert.Offices.Any(o => ZipArea(o.PostalCode) == area))
        {
            return Proximity.SameZipArea;
        }

        return expert.Offices.Any(o => string.Equals(o.State, claimant.State, StringComparison.OrdinalIgnoreCase)) ? Proximity.SameState : Proximity.Elsewhere;
    }

    // The first three digits of a ZIP code name a sectional centre: offices there are a short trip away.
    private static string? ZipArea(string? postalCode) => postalCode is { Length: >= 3 } && postalCode[..3].All(char.IsAsciiDigit) ? postalCode[..3] : null;

    private static string Explain(ExpertCandidate? chosen, List<ExpertCandidate> candidates, (Specialty Specialty, string Why) specialty, string jurisdiction, DateOnly earliest)
    {
        var needed = $"{specialty.Specialty.Name} ({specialty.Specialty.NuccCode}, {specialty.Why}), licensed in {jurisdiction}, exam on or after {earliest:yyyy-MM-dd} (notice rule)";
        var excluded = candidates.Where(c => !c.IsEligible).GroupBy(c => c.Exclusion).Select(g => $"{g.Count()} {g.Key}").ToList();
        var weighed = $"{candidates.Count} candidates" + (excluded.Count > 0 ? $", excluded: {string.Join(", ", excluded)}" : string.Empty);
        if (chosen is null)
        {
            return $"no expert qualifies. Needed: {needed}. {weighed}";
        }

        var slot = chosen.Slot is { } s && chosen.SlotOffice is { } office
            ? string.Create(CultureInfo.InvariantCulture, $"first slot {TimeZoneInfo.ConvertTime(s.Start, TimeZoneInfo.FindSystemTimeZoneById(office.TimeZone)):yyyy-MM-dd HH:mm} {office.TimeZone} at office {office.Id}")
            : "no open slot that meets the notice period yet";
        var turnaround = chosen.TurnaroundDays is { } days ? string.Create(CultureInfo.InvariantCulture, $"typical turnaround {days:0.#} days") : "no turnaround history";
        return $"chose {chosen.Expert.ExpertId} ({chosen.Expert.Name}): {slot}; {DescribeDistance(chosen)}; {turnaround}. Needed: {needed}. {weighed}";
    }

    // Miles and the office only: the claimant's ZIP is part of their address and stays off the timeline.
    private static string DescribeDistance(ExpertCandidate chosen) => chosen is { Miles: { } miles, DistanceOffice: { } office }
        ? string.Create(CultureInfo.InvariantCulture, $"{(chosen.Slot is null ? "nearest office" : "office")} {office.Id} {miles:0} mi from the claimant (great circle)")
        : $"office {Describe(chosen.Proximity)} (no distance: the claimant's or the office's place is unknown)";

    private static string Describe(Proximity proximity) => proximity switch
    {
        Proximity.SameZipArea => "in the claimant's ZIP area",
        Proximity.SameState => "in the claimant's state",
        _ => "outside the claimant's state",
    };
}
