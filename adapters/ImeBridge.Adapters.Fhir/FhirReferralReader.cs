using System.Text;
using Hl7.Fhir.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// Reads FHIR R4 input (a Bundle or a ServiceRequest, JSON or XML, or NDJSON of them) into canonical referral JSON, one
/// result per ServiceRequest. References resolve within the Bundle and to contained resources and, in
/// <see cref="ReadAsync(ReadOnlyMemory{byte}, FhirFormat?, FhirMappingOptions, IFhirResourceSource, CancellationToken)"/>,
/// by reading them from the partner's server. Error paths are FHIRPath expressions; reasons never carry a value from
/// the input. Thread-safe.
/// </summary>
public static class FhirReferralReader
{
    // A referral's references reach a few levels (ServiceRequest → Coverage → Organization); a cycle or a chain longer
    // than this is not a referral's.
    private const int MaxFetchRounds = 4;
    private const int MaxFetchesPerInput = 64;

    /// <summary>Reads one FHIR resource; <paramref name="format"/> is detected from the content when null. No network.</summary>
    public static IReadOnlyList<FhirReferralResult> Read(ReadOnlyMemory<byte> input, FhirFormat? format = null, FhirMappingOptions? options = null)
    {
        var (prepared, refused) = Prepare(input, format);
        return refused ?? prepared!.MapAll(options ?? FhirMappingOptions.None);
    }

    /// <summary>
    /// As <see cref="Read"/>, and what the input references but does not hold (a Patient, a Coverage, an attachment's
    /// bytes) is read from <paramref name="source"/>, the partner's server, then mapped again, a few levels deep.
    /// </summary>
    public static async Task<IReadOnlyList<FhirReferralResult>> ReadAsync(
        ReadOnlyMemory<byte> input,
        FhirFormat? format,
        FhirMappingOptions options,
        IFhirResourceSource source,
        CancellationToken cancellationToken)
    {
        var (prepared, refused) = Prepare(input, format);
        return refused ?? await prepared!.MapFetchingAsync(options, source, cancellationToken);
    }

    /// <summary>As <see cref="ReadAsync(ReadOnlyMemory{byte}, FhirFormat?, FhirMappingOptions, IFhirResourceSource, CancellationToken)"/> for a resource already parsed (a search result, a notification).</summary>
    public static async Task<IReadOnlyList<FhirReferralResult>> ReadAsync(
        Resource resource,
        FhirMappingOptions options,
        IFhirResourceSource? source,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var (prepared, refused) = Prepare(resource);
        if (refused is not null)
        {
            return refused;
        }

        return source is null ? prepared!.MapAll(options) : await prepared!.MapFetchingAsync(options, source, cancellationToken);
    }

    /// <summary>Reads FHIR NDJSON: one JSON resource per line; blank lines are skipped. Results carry 1-based line numbers.</summary>
    public static IEnumerable<FhirNdjsonLineResult> ReadNdjson(Stream ndjson, FhirMappingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ndjson);
        using var reader = new StreamReader(ndjson, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return new FhirNdjsonLineResult(lineNumber, Read(Encoding.UTF8.GetBytes(line), FhirFormat.Json, options));
            }
        }
    }

    /// <summary>The OperationOutcome issue type of an error this reader reported: required, not-found, code-invalid or invalid.</summary>
    public static string IssueCode(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return FhirErrorReasons.IssueCode(error);
    }

    /// <summary>An R4 OperationOutcome (JSON, UTF-8) with one error issue per error, its FHIRPath as the expression.</summary>
    public static byte[] ToOperationOutcome(IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return OperationOutcomeWriter.ToJson(errors);
    }

    /// <summary>A Bundle entry that is a referral: a ServiceRequest, not one a search result only <c>_include</c>s as context.</summary>
    internal static bool IsReferralEntry(Bundle.EntryComponent entry) =>
        entry.Resource is ServiceRequest && entry.Search?.Mode != Bundle.SearchEntryMode.Include;

    private static (ReferralInput? Input, IReadOnlyList<FhirReferralResult>? Refused) Prepare(ReadOnlyMemory<byte> input, FhirFormat? format)
    {
        var (resource, parseErrors) = FhirResourceParser.Parse(input, format);
        return resource is null ? (null, [FhirReferralResult.Refused(string.Empty, parseErrors)]) : Prepare(resource);
    }

    private static (ReferralInput? Input, IReadOnlyList<FhirReferralResult>? Refused) Prepare(Resource resource)
    {
        if (!ModelInfo.IsKnownResource(resource.TypeName))
        {
            return (null, [FhirReferralResult.Refused(string.Empty, [FhirErrorReasons.Invalid("resourceType", "is not a FHIR R4 resource type")])]);
        }

        return resource switch
        {
            ServiceRequest request => (ReferralInput.Single(request), null),
            Bundle bundle => ReferralInput.FromBundle(bundle) is { } fromBundle
                ? (fromBundle, null)
                : (null, [FhirReferralResult.Refused(string.Empty, [FhirErrorReasons.Required("Bundle.entry", "a ServiceRequest (the referral)")])]),
            _ => (null, [FhirReferralResult.Refused(string.Empty, [FhirErrorReasons.Invalid(resource.TypeName, "is not a ServiceRequest or Bundle")])]),
        };
    }

    /// <summary>The ServiceRequests of one input, where each lives on the sender's server, and the input's resolver.</summary>
    private sealed class ReferralInput(List<(LocatedResource Request, string? ServerLocation)> requests, ReferenceResolver resolver)
    {
        public static ReferralInput Single(ServiceRequest request) =>
            new([(new LocatedResource(request, "ServiceRequest"), IdLocation(request))], ReferenceResolver.Empty());

        public static ReferralInput? FromBundle(Bundle bundle)
        {
            var requests = new List<(LocatedResource, string?)>();
            for (var i = 0; i < bundle.Entry.Count; i++)
            {
                var entry = bundle.Entry[i];
                if (IsReferralEntry(entry) && entry.Resource is ServiceRequest request)
                {
                    requests.Add((new LocatedResource(request, $"Bundle.entry[{i}].resource"), ServerLocation(entry, request)));
                }
            }

            return requests.Count > 0 ? new ReferralInput(requests, ReferenceResolver.ForBundle(bundle)) : null;
        }

        public List<FhirReferralResult> MapAll(FhirMappingOptions options) =>
            requests.Select(r => ReferralMapping.Map(r.Request, r.ServerLocation, resolver, options)).ToList();

        public async Task<IReadOnlyList<FhirReferralResult>> MapFetchingAsync(FhirMappingOptions options, IFhirResourceSource source, CancellationToken cancellationToken)
        {
            var fetches = 0;
            for (var round = 0; ; round++)
            {
                var results = MapAll(options);
                var references = resolver.Misses.Where(m => !resolver.WasFetched(m)).ToList();
                var urls = resolver.ContentMisses.Where(u => !resolver.WasContentFetched(u)).ToList();
                if (round == MaxFetchRounds || references.Count + urls.Count == 0 || fetches >= MaxFetchesPerInput)
                {
                    return results;
                }

                foreach (var reference in references.Take(MaxFetchesPerInput - fetches))
                {
                    resolver.AddFetched(reference, await source.ReadAsync(reference, cancellationToken));
                    fetches++;
                }

                foreach (var url in urls.Take(Math.Max(0, MaxFetchesPerInput - fetches)))
                {
                    var content = await source.ReadContentAsync(url, cancellationToken);
                    resolver.AddFetchedContent(url, content is { } c ? new FetchedContent(c.Data, c.ContentType) : null);
                    fetches++;
                }
            }
        }

        private static string? ServerLocation(Bundle.EntryComponent entry, ServiceRequest request)
        {
            if (entry.FullUrl is { } fullUrl && (fullUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || fullUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
            {
                return fullUrl;
            }

            // A transaction's POST entry carries an id the server will replace.
            return entry.Request?.Method == Bundle.HTTPVerb.POST ? null : IdLocation(request);
        }

        private static string? IdLocation(ServiceRequest request) =>
            string.IsNullOrWhiteSpace(request.Id) ? null : $"ServiceRequest/{request.Id.Trim()}";
    }
}
