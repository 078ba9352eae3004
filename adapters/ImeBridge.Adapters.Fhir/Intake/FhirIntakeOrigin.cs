namespace ImeBridge.Adapters.Fhir.Intake;

/// <summary>How FHIR input reached ImeBridge, which decides who hears about a refusal.</summary>
public enum FhirIntakeOrigin
{
    /// <summary>The partner posted it and reads the OperationOutcome answer: refusals are answered, not kept.</summary>
    Posted,

    /// <summary>Found by polling the partner's server: refusals are kept as rejections and written back as rejected Tasks.</summary>
    Polled,

    /// <summary>Named by a subscription notification: as <see cref="Polled"/>.</summary>
    Notified,
}
