using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImeBridge.Core.Model;

/// <summary>
/// The canonical referral: the one shape every channel is normalized into.
/// Mirrors schemas/referral.v1.schema.json; the schema is the source of truth for the wire shape.
/// </summary>
public sealed class Referral
{
    /// <summary>Assigned by ImeBridge when the referral is accepted.</summary>
    public string? ReferralId { get; set; }

    /// <summary>Assigned by ImeBridge; follows the workflow.</summary>
    public string? Status { get; set; }

    public ReferralSource Source { get; set; } = new();
    public Referrer Referrer { get; set; } = new();
    public Claimant Claimant { get; set; } = new();
    public Claim Claim { get; set; } = new();
    public ExamRequest Request { get; set; } = new();

    /// <summary>Attorneys and other parties who must receive the report.</summary>
    public List<Party> Parties { get; set; } = [];

    public List<ReferralDocument> Documents { get; set; } = [];
    public List<string> Notes { get; set; } = [];

    /// <summary>Partner fields the canonical schema does not know, keyed by their JSON path. Never dropped.</summary>
    public Dictionary<string, JsonElement> Extensions { get; set; } = [];
}

public sealed class ReferralSource
{
    public string? Channel { get; set; }
    public string? PartnerId { get; set; }
    public string? ExternalId { get; set; }

    /// <summary>Assigned by ImeBridge: when the bytes arrived.</summary>
    public DateTimeOffset? ReceivedAt { get; set; }

    /// <summary>The delivery identifier of the transport (webhook-id, message-id, file name + row).</summary>
    public string? DeliveryId { get; set; }

    /// <summary>Where the original bytes are kept, exactly as received.</summary>
    public DocumentRef? OriginalDocument { get; set; }
}

public sealed class Referrer
{
    public string? Kind { get; set; }
    public string? Organization { get; set; }
    public Contact? Contact { get; set; }
}

public sealed class Contact
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

public sealed class Claimant
{
    public string? FirstName { get; set; }
    public string? MiddleName { get; set; }
    public string? LastName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Sex { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public PostalAddress? Address { get; set; }
    public string? PreferredLanguage { get; set; }
    public bool? InterpreterNeeded { get; set; }
    public bool? SmsConsent { get; set; }

    /// <summary>IANA time zone, derived from the address by ImeBridge when the sender leaves it out.</summary>
    public string? TimeZone { get; set; }
}

public sealed class PostalAddress
{
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
}

public sealed class Claim
{
    public string? ClaimNumber { get; set; }
    public string? LineOfBusiness { get; set; }
    public string? Jurisdiction { get; set; }
    public DateOnly? DateOfInjury { get; set; }
    public string? InjuryDescription { get; set; }
    public List<string> BodyParts { get; set; } = [];
    public List<string> Icd10Codes { get; set; } = [];
    public string? Employer { get; set; }
}

public sealed class ExamRequest
{
    public string? ExamType { get; set; }
    public string? Specialty { get; set; }
    public string? Reason { get; set; }
    public string? ReasonDetail { get; set; }
    public List<ExamQuestion> Questions { get; set; } = [];
    public DateOnly? DueDate { get; set; }
    public string? Priority { get; set; }
    public TreatingPhysician? TreatingPhysician { get; set; }
}

/// <summary>A question the referrer wants the examiner to answer. Accepted on the wire as a bare string too.</summary>
[JsonConverter(typeof(ExamQuestionJsonConverter))]
public sealed class ExamQuestion
{
    public string? Id { get; set; }
    public string Text { get; set; } = "";
}

public sealed class TreatingPhysician
{
    public string? Name { get; set; }
    public string? Npi { get; set; }

    /// <summary>The treating physician's own findings, which the examiner's report is compared with; optional.</summary>
    public MedicalOpinion? Opinion { get; set; }
}

/// <summary>
/// A physician's structured findings on the questions an IME settles. The same vocabulary serves the treating
/// physician's opinion in the referral and the examiner's findings in the report, so the two can be compared.
/// </summary>
public sealed class MedicalOpinion
{
    /// <summary><c>related</c>, <c>notRelated</c>, <c>partiallyRelated</c> or <c>undetermined</c> (see <see cref="OpinionCodes"/>).</summary>
    public string? Causation { get; set; }

    /// <summary>Whether maximum medical improvement has been reached.</summary>
    public bool? MmiReached { get; set; }

    public DateOnly? MmiDate { get; set; }

    /// <summary><c>none</c>, <c>modifiedDuty</c> or <c>offWork</c> (see <see cref="OpinionCodes"/>).</summary>
    public string? WorkRestrictions { get; set; }
}

/// <summary>The closed lists of <see cref="MedicalOpinion"/>'s codes (the schema's enums).</summary>
public static class OpinionCodes
{
    public static readonly IReadOnlyList<string> Causation = ["related", "notRelated", "partiallyRelated", "undetermined"];

    public static readonly IReadOnlyList<string> WorkRestrictions = ["none", "modifiedDuty", "offWork"];
}

public sealed class Party
{
    public string? Role { get; set; }
    public string? Name { get; set; }
    public string? Organization { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public PostalAddress? Address { get; set; }
}

public sealed class ReferralDocument
{
    public string? Kind { get; set; }
    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public long? Size { get; set; }
    public string? Sha256 { get; set; }
    public string? StoreRef { get; set; }
    public string? Description { get; set; }
}

/// <summary>A pointer into the document store: content-addressed by SHA-256.</summary>
public sealed record DocumentRef(string Sha256, long Size, string ContentType, string StoreRef);
