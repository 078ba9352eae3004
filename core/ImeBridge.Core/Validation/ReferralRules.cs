using ImeBridge.Core.Model;

namespace ImeBridge.Core.Validation;

/// <summary>
/// Business rules a schema cannot express (or that a referral built in code must meet too). Every reason
/// says what is wrong, never what was sent: names, dates, phones and emails are PHI.
/// </summary>
internal sealed class ReferralRules(TimeProvider time)
{
    /// <param name="phonesChecked">True when every phone was already normalized to E.164 and found valid (the reader does so).</param>
    public void Check(Referral referral, ErrorCollector errors, bool phonesChecked = false)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        CheckReferrerIsNotClaimant(referral, errors);
        CheckDates(referral, today, errors);
        if (!phonesChecked)
        {
            CheckPhones(referral, errors);
        }

        CheckStates(referral, errors);
        CheckCodes(referral, errors);
    }

    private static void CheckReferrerIsNotClaimant(Referral referral, ErrorCollector errors)
    {
        if (referral.Referrer?.Contact is not { } contact || referral.Claimant is not { } claimant)
        {
            return;
        }

        var same = new List<string>(3);
        if (contact.Name is { } name && IsClaimantName(name, claimant))
        {
            same.Add("name");
        }

        if (contact.Email is { } email && claimant.Email is { } claimantEmail
            && string.Equals(email.Trim(), claimantEmail.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            same.Add("email");
        }

        if (contact.Phone is { } phone && claimant.Phone is { } claimantPhone && SamePhone(phone, claimantPhone))
        {
            same.Add("phone");
        }

        if (same.Count > 0)
        {
            errors.Add(
                "referrer.contact",
                $"has the same {string.Join(" and ", same)} as the claimant; the referrer is the insurer, TPA, employer or attorney asking for the exam, never the claimant");
        }
    }

    private static bool IsClaimantName(string name, Claimant claimant)
    {
        if (claimant.FirstName is null || claimant.LastName is null)
        {
            return false;
        }

        var given = Words(name);
        return string.Equals(given, Words($"{claimant.FirstName} {claimant.LastName}"), StringComparison.OrdinalIgnoreCase)
            || string.Equals(given, Words($"{claimant.FirstName} {claimant.MiddleName} {claimant.LastName}"), StringComparison.OrdinalIgnoreCase)
            || string.Equals(given, Words($"{claimant.LastName}, {claimant.FirstName}"), StringComparison.OrdinalIgnoreCase);
    }

    private static string Words(string value) =>
        string.Join(' ', value.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static bool SamePhone(string left, string right)
    {
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return true;
        }

        if (left.StartsWith('+') && right.StartsWith('+') && PhoneNormalizer.LooksLikeE164(left) && PhoneNormalizer.LooksLikeE164(right))
        {
            return false; // both canonical already, and different
        }

        var a = PhoneNormalizer.TryNormalize(left, out var normalizedLeft) ? normalizedLeft : left.Trim();
        var b = PhoneNormalizer.TryNormalize(right, out var normalizedRight) ? normalizedRight : right.Trim();
        return string.Equals(a, b, StringComparison.Ordinal);
    }

    private static void CheckDates(Referral referral, DateOnly today, ErrorCollector errors)
    {
        var dateOfBirth = referral.Claimant?.DateOfBirth;
        var dateOfInjury = referral.Claim?.DateOfInjury;
        if (dateOfBirth is { } born)
        {
            if (born >= today)
            {
                errors.Add("claimant.dateOfBirth", "must be in the past");
            }
            else if (dateOfInjury is { } injured && born >= injured)
            {
                errors.Add("claimant.dateOfBirth", "must be before claim.dateOfInjury");
            }
        }

        if (dateOfInjury is { } injury && injury > today)
        {
            errors.Add("claim.dateOfInjury", "must not be in the future");
        }

        if (referral.Request?.DueDate is { } due && due < today)
        {
            errors.Add("request.dueDate", "must not be in the past");
        }
    }

    private static void CheckPhones(Referral referral, ErrorCollector errors)
    {
        CheckPhone(referral.Claimant?.Phone, "claimant.phone", errors);
        CheckPhone(referral.Referrer?.Contact?.Phone, "referrer.contact.phone", errors);
        for (var i = 0; i < (referral.Parties?.Count ?? 0); i++)
        {
            CheckPhone(referral.Parties![i]?.Phone, FieldPath.Property(FieldPath.Index("parties", i), "phone"), errors);
        }
    }

    private static void CheckPhone(string? phone, string path, ErrorCollector errors)
    {
        if (phone is not null && !PhoneNormalizer.IsValidE164(phone))
        {
            errors.Add(path, "is not a valid phone number in E.164 form such as +15185550142");
        }
    }

    private static void CheckStates(Referral referral, ErrorCollector errors)
    {
        CheckState(referral.Claim?.Jurisdiction, "claim.jurisdiction", errors);
        CheckState(referral.Claimant?.Address?.State, "claimant.address.state", errors);
        for (var i = 0; i < (referral.Parties?.Count ?? 0); i++)
        {
            CheckState(referral.Parties![i]?.Address?.State, FieldPath.Index("parties", i) + ".address.state", errors);
        }
    }

    private static void CheckState(string? state, string path, ErrorCollector errors)
    {
        if (state is not null && !UsStates.IsValid(state))
        {
            errors.Add(path, "must be a two-letter US state code (the 50 states, DC or PR)");
        }
    }

    private static void CheckCodes(Referral referral, ErrorCollector errors)
    {
        var codes = referral.Claim?.Icd10Codes ?? [];
        for (var i = 0; i < codes.Count; i++)
        {
            if (!CodeShapes.IsIcd10Code(codes[i]))
            {
                errors.Add(FieldPath.Index("claim.icd10Codes", i), "must be an ICD-10-CM code such as S82.101A or M54.5");
            }
        }

        if (referral.Request?.TreatingPhysician?.Npi is { } npi && !Npi.IsValid(npi))
        {
            errors.Add("request.treatingPhysician.npi", "must be a 10-digit NPI whose last digit is its check digit");
        }

        var documents = referral.Documents ?? [];
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i]?.Sha256 is { } sha256 && !CodeShapes.IsSha256(sha256))
            {
                errors.Add(FieldPath.Index("documents", i) + ".sha256", "must be a SHA-256 digest: 64 lower-case hex digits");
            }
        }

        if (referral.Source?.OriginalDocument is { } original && !CodeShapes.IsSha256(original.Sha256))
        {
            errors.Add("source.originalDocument.sha256", "must be a SHA-256 digest: 64 lower-case hex digits");
        }
    }
}
