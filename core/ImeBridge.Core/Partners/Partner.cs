namespace ImeBridge.Core.Partners;

/// <summary>An organisation that sends referrals, and the secrets it uses.</summary>
/// <param name="Id">Stable id used in URLs: <c>/api/partners/{id}/referrals</c>.</param>
/// <param name="Kind">insurer, tpa, employer or attorney.</param>
/// <param name="WebhookSecret">Standard Webhooks secret, <c>whsec_</c> + base64.</param>
/// <param name="ApiToken">Bearer token the partner uses to read its own referrals.</param>
public sealed record Partner(string Id, string Kind, string Name, string WebhookSecret, string ApiToken);
