using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Email.Forms;

/// <summary>
/// Turns a recognised form into a canonical referral JSON candidate, or says which required fields the message
/// does not carry. Values are passed on as written where the schema has no other shape (phones, emails): the core
/// reader normalizes them and explains what it cannot read. The exam type is <c>ime</c> unless the form says otherwise.
/// </summary>
internal static partial class LabelledReferralBuilder
{
    public const string NotFound = "not found in the message";

    private static readonly (FormField Field, string Path)[] Required =
    [
        (FormField.ClaimantName, "claimant.firstName"),
        (FormField.ClaimantName, "claimant.lastName"),
        (FormField.DateOfBirth, "claimant.dateOfBirth"),
        (FormField.ClaimNumber, "claim.claimNumber"),
        (FormField.LineOfBusiness, "claim.lineOfBusiness"),
        (FormField.Jurisdiction, "claim.jurisdiction"),
    ];

    /// <summary>Every required field, as missing: the answer for a message with no form at all.</summary>
    public static IReadOnlyList<FieldError> AllRequiredMissing() =>
        [.. Required.Select(r => r.Path).Distinct().Select(path => new FieldError(path, NotFound))];

    /// <param name="externalId">The Referral # when written, else the caller's fallback (the Message-ID).</param>
    /// <param name="senderName">The From display name: the referrer's contact.</param>
    /// <param name="senderAddress">The From address: the referrer's contact, and never taken as the claimant's email.</param>
    public static (byte[]? Json, IReadOnlyList<FieldError> Missing) Build(LabelledForm form, string? externalId, string? senderName, string? senderAddress)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = form.Values;
        var (first, middle, last) = values.TryGetValue(FormField.ClaimantName, out var name) ? PersonNames.Split(name) : (null, null, null);
        var reference = values.GetValueOrDefault(FormField.ReferralNumber)?.TrimStart('#').Trim() ?? externalId;

        var missing = new List<FieldError>();
        AddIfMissing(missing, "source.externalId", reference);
        AddIfMissing(missing, "claimant.firstName", first);
        AddIfMissing(missing, "claimant.lastName", last);
        foreach (var (field, path) in Required.Where(r => r.Field != FormField.ClaimantName))
        {
            AddIfMissing(missing, path, values.GetValueOrDefault(field));
        }

        if (missing.Count > 0)
        {
            return (null, missing);
        }

        var referral = new JsonObject
        {
            ["source"] = new JsonObject { ["externalId"] = reference },
            ["referrer"] = Referrer(senderName, senderAddress),
            ["claimant"] = Claimant(values, first!, middle, last!, senderAddress),
            ["claim"] = Claim(values),
            ["request"] = Request(form),
        };
        return (JsonSerializer.SerializeToUtf8Bytes(referral), []);
    }

    private static void AddIfMissing(List<FieldError> missing, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            missing.Add(new FieldError(path, NotFound));
        }
    }

    private static JsonObject Referrer(string? senderName, string? senderAddress)
    {
        var referrer = new JsonObject();
        if (senderAddress is not null && IsAsciiAddress(senderAddress))
        {
            var contact = new JsonObject { ["email"] = senderAddress };
            if (!string.IsNullOrWhiteSpace(senderName))
            {
                contact["name"] = senderName.Trim();
            }

            referrer["contact"] = contact;
        }

        return referrer;
    }

    private static JsonObject Claimant(Dictionary<FormField, string> values, string first, string? middle, string last, string? senderAddress)
    {
        var claimant = new JsonObject { ["firstName"] = first, ["lastName"] = last };
        Set(claimant, "middleName", middle);
        claimant["dateOfBirth"] = Date(values[FormField.DateOfBirth]);
        Set(claimant, "phone", values.GetValueOrDefault(FormField.Phone));
        if (values.TryGetValue(FormField.Email, out var email) && !string.Equals(email, senderAddress, StringComparison.OrdinalIgnoreCase))
        {
            claimant["email"] = email;
        }

        if (values.TryGetValue(FormField.Address, out var written))
        {
            var (line1, line2, city, state, zip) = PostalAddresses.Split(written);
            var address = new JsonObject { ["line1"] = line1 };
            Set(address, "line2", line2);
            Set(address, "city", city);
            Set(address, "state", state);
            Set(address, "postalCode", zip);
            claimant["address"] = address;
        }

        return claimant;
    }

    private static JsonObject Claim(Dictionary<FormField, string> values)
    {
        var lineOfBusiness = values[FormField.LineOfBusiness];
        var jurisdiction = values[FormField.Jurisdiction];
        var claim = new JsonObject
        {
            ["claimNumber"] = values[FormField.ClaimNumber].TrimStart('#').Trim(),
            ["lineOfBusiness"] = FormVocabulary.LineOfBusiness(lineOfBusiness) ?? lineOfBusiness,
            ["jurisdiction"] = FormVocabulary.StateCode(jurisdiction) ?? jurisdiction,
        };
        if (values.TryGetValue(FormField.DateOfInjury, out var injury))
        {
            claim["dateOfInjury"] = Date(injury);
        }

        return claim;
    }

    private static JsonObject Request(LabelledForm form)
    {
        var values = form.Values;
        var examType = values.GetValueOrDefault(FormField.ExamType);
        var request = new JsonObject { ["examType"] = examType is null ? "ime" : FormVocabulary.ExamType(examType) ?? examType };
        Set(request, "specialty", values.GetValueOrDefault(FormField.Specialty));
        if (form.Questions.Count > 0)
        {
            request["questions"] = new JsonArray([.. form.Questions.Select(Question)]);
        }

        if (values.TryGetValue(FormField.DueDate, out var due))
        {
            request["dueDate"] = Date(due);
        }

        if (TreatingPhysician(values) is { } physician)
        {
            request["treatingPhysician"] = physician;
        }

        return request;
    }

    private static JsonNode Question(FormQuestion question) =>
        question.Id is null
            ? JsonValue.Create(question.Text)
            : new JsonObject { ["id"] = question.Id, ["text"] = question.Text };

    private static JsonObject? TreatingPhysician(Dictionary<FormField, string> values)
    {
        var written = values.GetValueOrDefault(FormField.TreatingPhysician);
        var npi = values.GetValueOrDefault(FormField.Npi);
        if (written is not null && NpiInText().Match(written) is { Success: true } inText)
        {
            npi ??= inText.Groups["npi"].Value;
            written = written.Remove(inText.Index, inText.Length).Trim(' ', ',', ';', '-', '(', ')');
        }

        if (string.IsNullOrWhiteSpace(written) && npi is null)
        {
            return null;
        }

        var physician = new JsonObject();
        Set(physician, "name", written);
        Set(physician, "npi", npi?.Trim());
        return physician;
    }

    /// <summary>A date the form could read becomes YYYY-MM-DD; anything else is passed on for the reader to refuse by field.</summary>
    private static string Date(string written) => FormDates.TryParse(written, out var iso) ? iso : written;

    private static void Set(JsonObject target, string property, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            target[property] = value.Trim();
        }
    }

    private static bool IsAsciiAddress(string address) => address.All(char.IsAscii) && address.Contains('@', StringComparison.Ordinal);

    [GeneratedRegex(@"\(?\s*NPI\s*[:#]?\s*(?<npi>\d{10})\s*\)?", RegexOptions.IgnoreCase)]
    private static partial Regex NpiInText();
}
