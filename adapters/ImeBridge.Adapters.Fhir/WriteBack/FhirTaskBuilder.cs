using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir.WriteBack;

/// <summary>The Task (and the report's DocumentReference) ImeBridge writes to a partner's server.</summary>
internal static class FhirTaskBuilder
{
    public const string TaskIdentifierSystem = "https://imebridge.example/fhir/NamingSystem/referral-id";
    public const string ReportIdentifierSystem = "https://imebridge.example/fhir/NamingSystem/document-sha256";

    public static Identifier TaskIdentifier(string taskKey) => new(TaskIdentifierSystem, taskKey);

    public static Identifier ReportIdentifier(string sha256) => new(ReportIdentifierSystem, sha256);

    public static Hl7.Fhir.Model.Task Task(FhirTaskUpdate update, ResourceReference? report)
    {
        var focus = Focus(update.ServiceRequest);
        var task = new Hl7.Fhir.Model.Task
        {
            Identifier = [TaskIdentifier(update.TaskKey)],
            Status = TaskStatusMap.For(update.Status),
            BusinessStatus = new CodeableConcept(TaskStatusMap.BusinessStatusSystem, update.Status, update.Status),
            Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
            Code = new CodeableConcept("http://hl7.org/fhir/CodeSystem/task-code", "fulfill", "Fulfill the focal request"),
            Focus = focus,
            BasedOn = [focus],
            LastModified = update.At.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (update.Reasons.Count > 0)
        {
            task.StatusReason = new CodeableConcept { Text = string.Join("; ", update.Reasons) };
        }

        if (report is not null)
        {
            task.Output =
            [
                new Hl7.Fhir.Model.Task.OutputComponent
                {
                    Type = new CodeableConcept("http://loinc.org", "11488-4", "Consult note") { Text = "IME report" },
                    Value = report,
                },
            ];
        }

        return task;
    }

    public static DocumentReference Report(FhirTaskUpdate update, byte[] pdf, string contentType, string sha256)
    {
#pragma warning disable CA5350 // R4 Attachment.hash is defined as SHA-1; identity is the SHA-256 identifier.
        var sha1 = System.Security.Cryptography.SHA1.HashData(pdf);
#pragma warning restore CA5350
        return new DocumentReference
        {
            Identifier = [ReportIdentifier(sha256)],
            Status = DocumentReferenceStatus.Current,
            Type = new CodeableConcept("http://loinc.org", "11488-4", "Consult note") { Text = "Independent medical examination report" },
            Date = update.At,
            Description = "Independent medical examination report",
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment
                    {
                        ContentType = contentType,
                        Data = pdf,
                        Size = pdf.LongLength,
                        Hash = sha1,
                        Title = "IME report",
                    },
                },
            ],
            Context = new DocumentReference.ContextComponent { Related = [Focus(update.ServiceRequest)] },
        };
    }

    private static ResourceReference Focus(FhirServiceRequestRef serviceRequest) =>
        serviceRequest.Location is { } location
            ? new ResourceReference(location)
            : new ResourceReference
            {
                Type = "ServiceRequest",
                Identifier = new Identifier(serviceRequest.IdentifierSystem, serviceRequest.IdentifierValue),
            };
}
