using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// Builds the errors of the FHIR adapter. Reasons name what is wrong and never carry a submitted value; their first
/// words choose the OperationOutcome issue code (see <see cref="IssueCode"/>).
/// </summary>
internal static class FhirErrorReasons
{
    private const string RequiredPrefix = "is required";
    private const string NotFoundPrefix = "does not resolve";
    private const string CodeInvalidPrefix = "has no code";

    public static FieldError Required(string path, string what) => new(path, $"{RequiredPrefix}: {what}");

    public static FieldError NotFound(string path, string what) => new(path, $"{NotFoundPrefix}: {what}");

    public static FieldError CodeInvalid(string path, string what) => new(path, $"{CodeInvalidPrefix} {what}");

    public static FieldError Invalid(string path, string reason) => new(path, reason);

    /// <summary>The R4 issue-type code for an error: required, not-found, code-invalid, else invalid.</summary>
    public static string IssueCode(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var reason = error.Reason;
        // Contains, not StartsWith: the core's own reasons ("is required") map the same way.
        if (reason.Contains(RequiredPrefix, StringComparison.Ordinal))
        {
            return "required";
        }

        if (reason.StartsWith(NotFoundPrefix, StringComparison.Ordinal))
        {
            return "not-found";
        }

        return reason.StartsWith(CodeInvalidPrefix, StringComparison.Ordinal) ? "code-invalid" : "invalid";
    }
}
