namespace ImeBridge.Adapters.Sftp.Tests.Support;

internal static class TestPartner
{
    public const string Id = "acme";

    /// <summary>A Standard Webhooks secret of 32 bytes: the hosting validator wants one for every partner.</summary>
    public const string WebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3A0jlsNVbzk=";

    public const string ApiToken = "acme-read-token-for-tests";

    /// <summary>A well-formed fingerprint of no key the test server has.</summary>
    public const string ForeignHostKey = "SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og";
}
