using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Fhir;

/// <summary>Errors → an R4 OperationOutcome: one error issue each, diagnostics = reason, expression = the FHIRPath.</summary>
internal static class OperationOutcomeWriter
{
    public static byte[] ToJson(IEnumerable<FieldError> errors)
    {
        var outcome = new OperationOutcome();
        foreach (var error in errors)
        {
            var issue = new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = FhirErrorReasons.IssueCode(error) switch
                {
                    "required" => OperationOutcome.IssueType.Required,
                    "not-found" => OperationOutcome.IssueType.NotFound,
                    "code-invalid" => OperationOutcome.IssueType.CodeInvalid,
                    _ => OperationOutcome.IssueType.Invalid,
                },
                Diagnostics = error.Reason,
            };
            if (!string.IsNullOrEmpty(error.Path) && error.Path != "$")
            {
                issue.Expression = [error.Path];
            }

            outcome.Issue.Add(issue);
        }

        return Encoding.UTF8.GetBytes(outcome.ToJson());
    }
}
