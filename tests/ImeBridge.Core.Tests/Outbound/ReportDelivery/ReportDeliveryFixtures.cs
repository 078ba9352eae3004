using ImeBridge.Core.Model;
using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Tests.Outbound.ReportDelivery;

/// <summary>A New York referral with every party reachable, and a planner over the embedded rules.</summary>
internal static class ReportDeliveryFixtures
{
    public const string BoardEmail = "intake@wcb.ny.example";

    public static StoredReferral NewYork(Action<Referral>? change = null, string channel = "webhook")
    {
        var referral = new Referral
        {
            Source = new ReferralSource { Channel = channel, PartnerId = "acme", ExternalId = "ACME-1" },
            Referrer = new Referrer { Kind = "insurer", Organization = "Acme Mutual", Contact = new Contact { Name = "Priya Natarajan", Email = "pnatarajan@acme-mutual.example" } },
            Claimant = new Claimant { FirstName = "Daniel", LastName = "Okonkwo-Whitfield", Email = "d.okonkwo.whitfield@example.net" },
            Claim = new Claim { ClaimNumber = "WC-NY-2026-0048213", Jurisdiction = "NY" },
            Request = new ExamRequest { TreatingPhysician = new TreatingPhysician { Name = "Dr. Helena Varga, MD", Npi = "1234567893" } },
            Parties =
            [
                new Party { Role = "claimantAttorney", Name = "Marcus Bellweather", Organization = "Bellweather & Ruiz LLP", Email = "mbellweather@bellweather-ruiz.example" },
                new Party { Role = "treatingPhysician", Name = "Dr. Helena Varga, MD", Email = "hvarga@albany-ortho.example" },
                new Party { Role = "stateBoard", Organization = "New York State Workers' Compensation Board" },
            ],
        };
        change?.Invoke(referral);
        return new StoredReferral("ref-1", "acme", ReferralStatus.ReportApproved, referral, []);
    }

    public static ReportRecipientPlanner Planner(bool webhook = false, bool fhir = false, string? boardEmail = BoardEmail)
    {
        var options = new ReportDeliveryOptions();
        if (boardEmail is not null)
        {
            options.Boards["NY"] = new BoardAddress { Email = boardEmail };
        }

        return new ReportRecipientPlanner(ReportRecipientRules.Embedded, Options.Create(options), new FixedWebhooks(webhook), new FixedFhir(fhir));
    }

    private sealed class FixedWebhooks(bool subscribed) : IReportWebhookChannel
    {
        public Task<bool> IsSubscribedAsync(string partnerId, CancellationToken cancellationToken) => Task.FromResult(subscribed);

        public Task<int> PublishReportAvailableAsync(StoredReferral referral, string reportSha256, string ledgerMessageId, CancellationToken cancellationToken) =>
            Task.FromResult(subscribed ? 1 : 0);
    }

    private sealed class FixedFhir(bool on) : IReportFhirChannel
    {
        public bool WritesReportFor(StoredReferral referral) => on;
    }
}
