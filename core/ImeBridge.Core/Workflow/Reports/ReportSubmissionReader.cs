using System.Globalization;
using System.Text.Json;
using ImeBridge.Core.Model;
using ImeBridge.Core.Validation;

namespace ImeBridge.Core.Workflow.Reports;

/// <summary>
/// Reads the structured part of a report submission (UTF-8 JSON). Only its shape is judged here, each problem named by
/// its field (<c>findings.causation</c>); what is missing from a well-formed submission is for QA to list.
/// </summary>
public static class ReportSubmissionReader
{
    private static readonly string[] TopLevel = ["referralId", "kind", "answers", "sections", "findings", "signature"];

    public static ReportSubmissionReadResult Read(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return ReportSubmissionReadResult.Invalid("submission", "must be a JSON object");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static ReportSubmissionReadResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ReportSubmissionReadResult.Invalid("submission", "must be a JSON object");
        }

        var errors = new List<ReportFieldError>();
        foreach (var property in root.EnumerateObject().Where(p => !TopLevel.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors.Add(new(property.Name, $"is not a submission field ({string.Join(", ", TopLevel)})"));
        }

        var referralId = RequiredText(root, "referralId", errors);
        var kind = RequiredText(root, "kind", errors);
        if (kind is not null && !ReportKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            errors.Add(new("kind", $"must be one of {string.Join(", ", ReportKinds.All)}"));
        }

        var answers = TextMap(root, "answers", null, errors);
        var sections = TextMap(root, "sections", ReportSections.Required, errors);
        var findings = Findings(root, errors);
        var signature = Signature(root, errors);
        return errors.Count > 0
            ? new ReportSubmissionReadResult(null, errors)
            : new ReportSubmissionReadResult(new ReportSubmission(referralId!, kind!, answers, sections, findings, signature), []);
    }

    private static string? RequiredText(JsonElement root, string name, List<ReportFieldError> errors)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text))
        {
            return text.Trim();
        }

        errors.Add(new(name, "is required: a non-empty string"));
        return null;
    }

    private static Dictionary<string, string> TextMap(JsonElement root, string name, IReadOnlyList<string>? allowedKeys, List<ReportFieldError> errors)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return map;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(name, "must be an object of texts by " + (allowedKeys is null ? "question id" : "section name")));
            return map;
        }

        foreach (var entry in value.EnumerateObject())
        {
            var field = name + "." + entry.Name;
            if (allowedKeys is not null && !allowedKeys.Contains(entry.Name, StringComparer.Ordinal))
            {
                errors.Add(new(field, $"is not a report section ({string.Join(", ", allowedKeys)})"));
            }
            else if (entry.Value.ValueKind == JsonValueKind.String)
            {
                map[entry.Name] = entry.Value.GetString()!;
            }
            else if (entry.Value.ValueKind != JsonValueKind.Null)
            {
                errors.Add(new(field, "must be a string"));
            }
        }

        return map;
    }

    private static ReportFindings? Findings(JsonElement root, List<ReportFieldError> errors)
    {
        if (!root.TryGetProperty("findings", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("findings", "must be an object: causation, mmiReached, mmiDate, workRestrictions"));
            return null;
        }

        Unknown(value, "findings", ["causation", "mmiReached", "mmiDate", "workRestrictions"], errors);
        var causation = Code(value, "findings", "causation", OpinionCodes.Causation, errors);
        bool? mmiReached = null;
        if (value.TryGetProperty("mmiReached", out var reached) && reached.ValueKind != JsonValueKind.Null)
        {
            if (reached.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                mmiReached = reached.GetBoolean();
            }
            else
            {
                errors.Add(new("findings.mmiReached", "must be true or false"));
            }
        }

        DateOnly? mmiDate = null;
        if (value.TryGetProperty("mmiDate", out var date) && date.ValueKind != JsonValueKind.Null)
        {
            if (date.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(date.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                mmiDate = parsed;
            }
            else
            {
                errors.Add(new("findings.mmiDate", "must be a date, YYYY-MM-DD"));
            }
        }

        var restrictions = Code(value, "findings", "workRestrictions", OpinionCodes.WorkRestrictions, errors);
        return new ReportFindings(causation, mmiReached, mmiDate, restrictions);
    }

    private static ReportSignature? Signature(JsonElement root, List<ReportFieldError> errors)
    {
        if (!root.TryGetProperty("signature", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("signature", "must be an object: signerName, npi, signedAt"));
            return null;
        }

        Unknown(value, "signature", ["signerName", "npi", "signedAt"], errors);
        var name = OptionalText(value, "signature", "signerName", errors);
        var npi = OptionalText(value, "signature", "npi", errors);
        if (npi is not null && !Npi.IsValid(npi))
        {
            errors.Add(new("signature.npi", "must be a 10-digit NPI whose last digit is its check digit"));
        }

        DateTimeOffset? signedAt = null;
        if (OptionalText(value, "signature", "signedAt", errors) is { } instant)
        {
            if (DateTimeOffset.TryParse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                && instant.Contains('T', StringComparison.Ordinal))
            {
                signedAt = parsed;
            }
            else
            {
                errors.Add(new("signature.signedAt", "must be an ISO-8601 date and time (2026-06-01T15:30:00Z)"));
            }
        }

        return new ReportSignature(name, npi, signedAt);
    }

    private static string? Code(JsonElement parent, string path, string name, IReadOnlyList<string> allowed, List<ReportFieldError> errors)
    {
        var code = OptionalText(parent, path, name, errors);
        if (code is not null && !allowed.Contains(code, StringComparer.Ordinal))
        {
            errors.Add(new($"{path}.{name}", $"must be one of {string.Join(", ", allowed)}"));
            return null;
        }

        return code;
    }

    private static string? OptionalText(JsonElement parent, string path, string name, List<ReportFieldError> errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new($"{path}.{name}", "must be a string"));
            return null;
        }

        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    private static void Unknown(JsonElement value, string path, string[] known, List<ReportFieldError> errors)
    {
        foreach (var property in value.EnumerateObject().Where(p => !known.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors.Add(new($"{path}.{property.Name}", $"is not a field of {path} ({string.Join(", ", known)})"));
        }
    }
}

/// <summary>A problem with one field of a submission, named by its path (<c>findings.causation</c>).</summary>
public sealed record ReportFieldError(string Field, string Reason);

/// <summary>The submission, or why it cannot be read (each field named).</summary>
public sealed record ReportSubmissionReadResult(ReportSubmission? Submission, IReadOnlyList<ReportFieldError> Errors)
{
    public static ReportSubmissionReadResult Invalid(string field, string reason) => new(null, [new ReportFieldError(field, reason)]);
}
