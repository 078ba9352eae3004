using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Validation;

/// <summary>
/// Normalizes a referral a channel reader built in code (CSV row, FHIR resource, email) the way
/// <see cref="ReferralReader"/> normalizes JSON bodies: strings trimmed and blank ones dropped, phones to E.164
/// (US numbers may omit +1), values of closed lists spelled as the schema spells them (<c>WorkersComp</c> →
/// <c>workersComp</c>), states and ICD-10 codes upper case, SHA-256 digests lower case, language tags
/// <c>en-US</c>, questions trimmed, and <c>claimant.timeZone</c> derived from <c>claimant.address.state</c>
/// when absent. Run it before <see cref="ReferralValidator.Validate"/>.
/// </summary>
public static class ReferralNormalizer
{
    /// <summary>Normalizes in place; returns the phones that could not be read (reason "is not a valid phone number").</summary>
    public static IReadOnlyList<FieldError> Normalize(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var errors = new ErrorCollector();
        NormalizeSource(referral.Source);
        NormalizeReferrer(referral.Referrer, errors);
        NormalizeClaimant(referral.Claimant, errors);
        NormalizeClaim(referral.Claim);
        NormalizeRequest(referral.Request);
        for (var i = 0; i < referral.Parties.Count; i++)
        {
            NormalizeParty(referral.Parties[i], FieldPath.Index("parties", i), errors);
        }

        foreach (var document in referral.Documents)
        {
            NormalizeDocument(document);
        }

        TrimAll(referral.Notes);
        DeriveTimeZone(referral.Claimant);
        return errors.Errors;
    }

    /// <summary>Sets <c>claimant.timeZone</c> from the primary zone of <c>claimant.address.state</c> when it is absent.</summary>
    public static void DeriveTimeZone(Claimant? claimant)
    {
        if (claimant is not null && string.IsNullOrWhiteSpace(claimant.TimeZone))
        {
            claimant.TimeZone = UsStates.PrimaryTimeZone(claimant.Address?.State);
        }
    }

    private static void NormalizeSource(ReferralSource? source)
    {
        if (source is null)
        {
            return;
        }

        source.Channel = OneOf(source.Channel, "source", "channel");
        source.PartnerId = Clean(source.PartnerId);
        source.ExternalId = Clean(source.ExternalId);
        source.DeliveryId = Clean(source.DeliveryId);
    }

    private static void NormalizeReferrer(Referrer? referrer, ErrorCollector errors)
    {
        if (referrer is null)
        {
            return;
        }

        referrer.Kind = OneOf(referrer.Kind, "referrer", "kind");
        referrer.Organization = Clean(referrer.Organization);
        if (referrer.Contact is { } contact)
        {
            contact.Name = Clean(contact.Name);
            contact.Email = Clean(contact.Email);
            contact.Phone = Phone(contact.Phone, "referrer.contact.phone", errors);
        }
    }

    private static void NormalizeClaimant(Claimant? claimant, ErrorCollector errors)
    {
        if (claimant is null)
        {
            return;
        }

        claimant.FirstName = Clean(claimant.FirstName);
        claimant.MiddleName = Clean(claimant.MiddleName);
        claimant.LastName = Clean(claimant.LastName);
        claimant.Sex = OneOf(claimant.Sex, "claimant", "sex");
        claimant.Phone = Phone(claimant.Phone, "claimant.phone", errors);
        claimant.Email = Clean(claimant.Email);
        NormalizeAddress(claimant.Address);
        claimant.PreferredLanguage = Clean(claimant.PreferredLanguage) is { } language ? LanguageTags.Normalize(language) : null;
        claimant.TimeZone = Clean(claimant.TimeZone);
    }

    private static void NormalizeAddress(PostalAddress? address)
    {
        if (address is null)
        {
            return;
        }

        address.Line1 = Clean(address.Line1);
        address.Line2 = Clean(address.Line2);
        address.City = Clean(address.City);
        address.State = Clean(address.State)?.ToUpperInvariant();
        address.PostalCode = Clean(address.PostalCode);
    }

    private static void NormalizeClaim(Claim? claim)
    {
        if (claim is null)
        {
            return;
        }

        claim.ClaimNumber = Clean(claim.ClaimNumber);
        claim.LineOfBusiness = OneOf(claim.LineOfBusiness, "claim", "lineOfBusiness");
        claim.Jurisdiction = Clean(claim.Jurisdiction)?.ToUpperInvariant();
        claim.InjuryDescription = Clean(claim.InjuryDescription);
        claim.Employer = Clean(claim.Employer);
        TrimAll(claim.BodyParts);
        TrimAll(claim.Icd10Codes);
        for (var i = 0; i < claim.Icd10Codes.Count; i++)
        {
            claim.Icd10Codes[i] = claim.Icd10Codes[i]?.ToUpperInvariant()!;
        }
    }

    private static void NormalizeRequest(ExamRequest? request)
    {
        if (request is null)
        {
            return;
        }

        request.ExamType = OneOf(request.ExamType, "request", "examType");
        request.Specialty = Clean(request.Specialty);
        request.Reason = OneOf(request.Reason, "request", "reason");
        request.ReasonDetail = Clean(request.ReasonDetail);
        request.Priority = OneOf(request.Priority, "request", "priority");
        foreach (var question in request.Questions)
        {
            if (question is not null)
            {
                question.Id = Clean(question.Id);
                question.Text = question.Text?.Trim() ?? "";
            }
        }

        if (request.TreatingPhysician is { } physician)
        {
            physician.Name = Clean(physician.Name);
            physician.Npi = Clean(physician.Npi);
        }
    }

    private static void NormalizeParty(Party? party, string path, ErrorCollector errors)
    {
        if (party is null)
        {
            return;
        }

        party.Role = OneOf(party.Role, "parties", "role");
        party.Name = Clean(party.Name);
        party.Organization = Clean(party.Organization);
        party.Email = Clean(party.Email);
        party.Phone = Phone(party.Phone, FieldPath.Property(path, "phone"), errors);
        NormalizeAddress(party.Address);
    }

    private static void NormalizeDocument(ReferralDocument? document)
    {
        if (document is null)
        {
            return;
        }

        document.Kind = OneOf(document.Kind, "documents", "kind");
        document.FileName = Clean(document.FileName);
        document.ContentType = Clean(document.ContentType);
        document.Sha256 = Clean(document.Sha256) is { } sha256 ? Ascii.Lower(sha256) : null;
        document.StoreRef = Clean(document.StoreRef);
        document.Description = Clean(document.Description);
    }

    private static string? Phone(string? phone, string path, ErrorCollector errors)
    {
        if (Clean(phone) is not { } text)
        {
            return null;
        }

        if (PhoneNormalizer.TryNormalize(text, out var e164))
        {
            return e164;
        }

        errors.Add(path, PhoneNormalizer.InvalidReason);
        return text;
    }

    /// <summary>Trims, and spells a value of a closed list as the schema does when it matches ignoring case.</summary>
    private static string? OneOf(string? value, string section, string field)
    {
        if (Clean(value) is not { } text)
        {
            return null;
        }

        var shape = ReferralSchema.Instance.Shape.Properties![section];
        var allowed = (shape.Items ?? shape).ObjectShape?.Properties?[field].Enum ?? [];
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return text;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void TrimAll(List<string>? values)
    {
        if (values is null)
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            values[i] = values[i]?.Trim()!;
        }
    }
}
