using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir.Notifications;

/// <summary>
/// What a rest-hook notification asks for. R4 Subscriptions post the resource itself (full-resource) or nothing
/// (empty); the Subscriptions Backport IG posts a <c>history</c> Bundle whose first entry is the status
/// (Parameters or SubscriptionStatus) and whose other entries carry the resources or only their fullUrl (id-only).
/// </summary>
internal sealed record FhirNotificationPayload(bool IsHeartbeat, IReadOnlyList<Resource> Resources, IReadOnlyList<string> Ids)
{
    public bool AsksForPoll => !IsHeartbeat && Resources.Count == 0 && Ids.Count == 0;

    public static FhirNotificationPayload Empty { get; } = new(false, [], []);

    /// <summary>The payload of a parsed notification body; null when it is neither a referral nor a notification.</summary>
    public static FhirNotificationPayload? Of(Resource resource) => resource switch
    {
        ServiceRequest => new(false, [resource], []),
        Bundle bundle when IsBackportNotification(bundle) => FromNotificationBundle(bundle),
        Bundle bundle when bundle.Entry.Any(e => e.Resource is ServiceRequest) => new(false, [resource], []),
        _ => null,
    };

    private static bool IsBackportNotification(Bundle bundle) =>
        bundle.Type == Bundle.BundleType.History && bundle.Entry.FirstOrDefault()?.Resource is Parameters or { TypeName: "SubscriptionStatus" };

    private static FhirNotificationPayload FromNotificationBundle(Bundle bundle)
    {
        var type = bundle.Entry[0].Resource is Parameters status ? (status.GetSingleValue<Code>("type")?.Value ?? "event-notification") : "event-notification";
        if (type is "heartbeat" or "handshake")
        {
            return new(true, [], []);
        }

        var resources = new List<Resource>();
        var ids = new List<string>();
        foreach (var entry in bundle.Entry.Skip(1))
        {
            if (entry.Resource is ServiceRequest request)
            {
                // A Bundle of one keeps the fullUrl, so the ServiceRequest's server location travels with it.
                resources.Add(new Bundle { Type = Bundle.BundleType.Collection, Entry = [new Bundle.EntryComponent { FullUrl = entry.FullUrl, Resource = request }] });
            }
            else if (entry.Resource is null && !string.IsNullOrWhiteSpace(entry.FullUrl))
            {
                ids.Add(entry.FullUrl.Trim());
            }
        }

        return new(false, resources, ids);
    }
}
