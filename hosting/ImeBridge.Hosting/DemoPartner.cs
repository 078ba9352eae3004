using ImeBridge.Core.Partners;

namespace ImeBridge.Hosting;

/// <summary>
/// The built-in development partner (<c>includeDemoPartner: true</c>, on by default under <c>imebridge serve</c>).
/// Its secret and token are published in the README: never enable it where real referrals arrive.
/// </summary>
public static class DemoPartner
{
    public const string Id = "demo";
    public const string Kind = "insurer";
    public const string Name = "Demo Insurance (development only)";

    /// <summary>Standard Webhooks secret of the demo partner: <c>whsec_</c> + base64 of 32 bytes. Public, for development.</summary>
    public const string WebhookSecret = "whsec_q0Z3N1m8YbF2xJt5UePw9LcR4sKdHgA7vTnE6iMoXyU=";

    /// <summary>Bearer token of the demo partner for <c>GET /api/referrals/{id}</c>. Public, for development.</summary>
    public const string ApiToken = "demo-read-token-for-development-only";

    public static Partner Create() => new(Id, Kind, Name, WebhookSecret, ApiToken);
}
