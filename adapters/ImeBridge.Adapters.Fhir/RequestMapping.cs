using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using static ImeBridge.Adapters.Fhir.FhirValues;

namespace ImeBridge.Adapters.Fhir;

/// <summary>ServiceRequest code, performerType, note, orderDetail, occurrence and priority → request.</summary>
internal static class RequestMapping
{
    public static JsonObject Map(MappingContext context)
    {
        var request = (ServiceRequest)context.ServiceRequest.Resource;
        var mapped = new JsonObject { ["examType"] = ExamType(request.Code) };
        if (request.PerformerType is { } performerType && Words(performerType, Snomed, Nucc) is null)
        {
            context.Errors.Add(FhirErrorReasons.CodeInvalid(context.ServiceRequest.At("performerType"), "from SNOMED CT or the NUCC provider taxonomy, nor a display or text"));
        }

        Put(mapped, "specialty", Words(request.PerformerType, Snomed, Nucc) ?? Words(request.Code, Snomed, Nucc));
        Put(mapped, "questions", Strings(request.Note.Select(n => n.Text).Concat(request.OrderDetail.Select(d => Words(d)))));
        Put(mapped, "dueDate", request.Occurrence switch
        {
            FhirDateTime at => FullDate(at.Value),
            Period period => FullDate(period.End),
            _ => null,
        });
        Put(mapped, "priority", request.Priority switch
        {
            RequestPriority.Routine => "routine",
            // FHIR orders routine < urgent < asap < stat; the canonical scale has one step between routine and urgent.
            RequestPriority.Urgent => "expedited",
            RequestPriority.Asap or RequestPriority.Stat => "urgent",
            _ => null,
        });
        return mapped;
    }

    private static string ExamType(CodeableConcept? code)
    {
        var words = string.Join(' ', new[] { code?.Text }.Concat(code?.Coding.Select(c => c.Display) ?? []).Where(w => w is not null));
        if (words.Contains("records review", StringComparison.OrdinalIgnoreCase) || words.Contains("record review", StringComparison.OrdinalIgnoreCase))
        {
            return "recordsReview";
        }

        return words.Contains("addendum", StringComparison.OrdinalIgnoreCase) ? "addendum" : "ime";
    }
}
