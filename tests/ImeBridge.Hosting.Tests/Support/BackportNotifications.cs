using System.Text.Json.Nodes;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>Notifications as a partner's server sends them under the FHIR R4 Subscriptions Backport IG.</summary>
internal static class BackportNotifications
{
    /// <summary>An R4 Subscriptions Backport notification Bundle: the status Parameters, then one id-only entry per focus URL.</summary>
    public static JsonObject Bundle(string baseUrl, string type, params string[] focusUrls)
    {
        var parameters = new JsonArray(
            new JsonObject { ["name"] = "subscription", ["valueReference"] = new JsonObject { ["reference"] = baseUrl + "Subscription/imebridge-referrals" } },
            new JsonObject { ["name"] = "topic", ["valueCanonical"] = "https://acme-insurance.example/fhir/SubscriptionTopic/ime-referral" },
            new JsonObject { ["name"] = "status", ["valueCode"] = "active" },
            new JsonObject { ["name"] = "type", ["valueCode"] = type },
            new JsonObject { ["name"] = "events-since-subscription-start", ["valueString"] = "12" });
        foreach (var focus in focusUrls)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = "notification-event",
                ["part"] = new JsonArray(
                    new JsonObject { ["name"] = "event-number", ["valueString"] = "12" },
                    new JsonObject { ["name"] = "focus", ["valueReference"] = new JsonObject { ["reference"] = focus } }),
            });
        }

        var entries = new JsonArray(new JsonObject
        {
            ["fullUrl"] = "urn:uuid:5b0c1f9e-2a61-4d7e-9c55-0e8f3a9d7b21",
            ["resource"] = new JsonObject { ["resourceType"] = "Parameters", ["id"] = "status-12", ["parameter"] = parameters },
            ["request"] = new JsonObject { ["method"] = "GET", ["url"] = baseUrl + "Subscription/imebridge-referrals/$status" },
            ["response"] = new JsonObject { ["status"] = "200" },
        });
        foreach (var focus in focusUrls)
        {
            entries.Add(new JsonObject
            {
                ["fullUrl"] = focus,
                ["request"] = new JsonObject { ["method"] = "PUT", ["url"] = focus[baseUrl.Length..] },
                ["response"] = new JsonObject { ["status"] = "201" },
            });
        }

        return new JsonObject { ["resourceType"] = "Bundle", ["id"] = "notification-12", ["type"] = "history", ["timestamp"] = "2026-11-20T10:20:00Z", ["entry"] = entries };
    }
}
