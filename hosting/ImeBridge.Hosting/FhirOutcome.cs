using System.Text.Json;
using ImeBridge.Adapters.Fhir;
using ImeBridge.Core.Ports;
using Microsoft.AspNetCore.Http;

namespace ImeBridge.Hosting;

/// <summary>
/// R4 <c>OperationOutcome</c> answers of the FHIR endpoints, as <c>application/fhir+json</c>: one issue per refused
/// field (its FHIRPath in <c>expression</c>) and, for what was taken in, an information issue naming the referral.
/// Diagnostics never quote a submitted value.
/// </summary>
internal static class FhirOutcome
{
    public const string ContentType = "application/fhir+json";

    public static IResult Error(int status, string code, string diagnostics) =>
        Result(status, [new Issue("error", code, diagnostics, null)]);

    public static IResult Result(int status, IReadOnlyList<Issue> issues, string? location = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("resourceType", "OperationOutcome");
            json.WriteStartArray("issue");
            foreach (var issue in issues)
            {
                json.WriteStartObject();
                json.WriteString("severity", issue.Severity);
                json.WriteString("code", issue.Code);
                json.WriteString("diagnostics", issue.Diagnostics);
                if (issue.Expression is { Length: > 0 } expression)
                {
                    json.WriteStartArray("expression");
                    json.WriteStringValue(expression);
                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        IResult answer = new FhirJsonResult(buffer.ToArray(), status);
        return location is null ? answer : new ResultWithHeader(answer, "Location", location);
    }

    /// <summary>The reader's errors with the issue types it chose (required, not-found, code-invalid, invalid), as
    /// <see cref="FhirReferralReader.ToOperationOutcome"/> writes them; no expression when the input could not be parsed.</summary>
    public static IEnumerable<Issue> Errors(IEnumerable<FieldError> errors) =>
        errors.Select(e => new Issue("error", FhirReferralReader.IssueCode(e), e.Reason, e.Path is "" or "$" ? null : e.Path));

    /// <param name="Severity">error or information.</param>
    /// <param name="Code">The FHIR issue type: invalid, required, security, not-supported, too-costly, informational.</param>
    public sealed record Issue(string Severity, string Code, string Diagnostics, string? Expression);

    private sealed class FhirJsonResult(byte[] body, int status) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = ContentType;
            httpContext.Response.ContentLength = body.Length;
            await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
