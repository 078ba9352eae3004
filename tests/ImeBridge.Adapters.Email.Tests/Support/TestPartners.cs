using ImeBridge.Core.Partners;

namespace ImeBridge.Adapters.Email.Tests.Support;

/// <summary>The partners the tests configure, and the sender addresses that map to them.</summary>
internal static class TestPartners
{
    public const string AcmeSender = "claims.intake@acme-insurance.example";
    public const string AcmeColleague = "adjuster.ng@acme-insurance.example";
    public const string GlobexSender = "referrals@globex-tpa.example";
    public const string Stranger = "someone@unknown-sender.example";

    public static readonly Partner Acme = new("acme-insurance", "insurer", "Acme Insurance Co.", "whsec_unused", "acme-token");
    public static readonly Partner Globex = new("globex-tpa", "tpa", "Globex Claims Services", "whsec_unused", "globex-token");

    public const string SendGridSecret = "sg-inbound-secret-0123456789abcdef";

    public static Dictionary<string, string?> Configuration() => new()
    {
        ["partners:0:id"] = Acme.Id,
        ["partners:0:kind"] = Acme.Kind,
        ["partners:0:email:domains:0"] = "acme-insurance.example",
        ["partners:0:email:senders:0"] = AcmeSender,
        ["partners:1:id"] = Globex.Id,
        ["partners:1:kind"] = Globex.Kind,
        ["partners:1:email:senders:0"] = GlobexSender,
        ["inboundEmail:secret"] = SendGridSecret,
    };

    public sealed class Directory : IPartnerDirectory
    {
        public Partner? Find(string partnerId) => new[] { Acme, Globex }.FirstOrDefault(p => p.Id == partnerId);

        public Partner? FindByApiToken(string apiToken) => null;
    }
}
