using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;

namespace ImeBridge.Adapters.Tests.Support;

/// <summary>New referrals shaped the way intake builds them, with fictitious (but PHI-looking) claimant data.</summary>
public static class Referrals
{
    public const string ClaimantLastName = "Quillfeather";

    public static NewReferral New(TimeProvider time, string partnerId = "acme", string? externalId = null, string? deliveryId = null)
    {
        var receivedAt = time.GetUtcNow();
        var referralId = "ref_" + Guid.CreateVersion7(receivedAt).ToString("N");
        var referral = new Referral
        {
            ReferralId = referralId,
            Status = ReferralStatus.Received,
            Source = new ReferralSource
            {
                Channel = "webhook",
                PartnerId = partnerId,
                ExternalId = externalId,
                DeliveryId = deliveryId,
                ReceivedAt = receivedAt,
                OriginalDocument = new DocumentRef(new string('a', 64), 1234, "application/json", "local:sha256/" + new string('a', 64)),
            },
            Referrer = new Referrer { Kind = "insurer", Organization = "Acme Insurance Co." },
            Claimant = new Claimant
            {
                FirstName = "Marisol",
                LastName = ClaimantLastName,
                DateOfBirth = new DateOnly(1978, 4, 12),
                Phone = "+15185550142",
                Email = "marisol.q@example.com",
                Address = new PostalAddress { Line1 = "12 Elm St", City = "Albany", State = "NY", PostalCode = "12207" },
            },
            Claim = new Claim
            {
                ClaimNumber = "WC-2026-000123",
                LineOfBusiness = "workers_comp",
                Jurisdiction = "NY",
                DateOfInjury = new DateOnly(2025, 11, 3),
                InjuryDescription = "Lifting injury, lower back.",
                BodyParts = ["lower back"],
                Icd10Codes = ["M54.5"],
            },
            Request = new ExamRequest
            {
                ExamType = "ime",
                Specialty = "orthopedics",
                Questions = [new ExamQuestion { Text = "Is further treatment necessary?" }],
            },
            Notes = ["Claimant prefers mornings."],
        };

        var body = JsonSerializer.SerializeToUtf8Bytes(new ReferralReceived(referralId, partnerId, "webhook", receivedAt), MessageJson.Options);
        return new NewReferral(
            referral,
            new TimelineEntry(receivedAt, "referral.received", ReferralStatus.Received, $"partner:{partnerId}", deliveryId, "via webhook"),
            [new QueueMessage($"{MessageTypes.ReferralReceived}:{referralId}", MessageTypes.ReferralReceived, referralId, body)]);
    }
}
