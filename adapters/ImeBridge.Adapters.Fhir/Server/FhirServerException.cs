namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// A call to a partner's FHIR server (or its token endpoint) that did not succeed. The message names the partner, the
/// method, the resource type and the status; never a body, a query value, a token or a secret.
/// </summary>
public sealed class FhirServerException : Exception
{
    public FhirServerException()
        : this("The partner's FHIR server call failed.")
    {
    }

    public FhirServerException(string message)
        : this(message, null)
    {
    }

    public FhirServerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal FhirServerException(
        string message,
        int? statusCode,
        bool isTransient,
        TimeSpan? retryAfter = null,
        IReadOnlyList<string>? issueCodes = null,
        string? oauthError = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
        IssueCodes = issueCodes ?? [];
        OAuthError = oauthError;
    }

    /// <summary>The HTTP status of the last answer; null when no answer came (network, timeout, refused locally).</summary>
    public int? StatusCode { get; }

    /// <summary>True when trying again later may succeed: 408, 429, 5xx, timeouts, network errors, an open circuit.</summary>
    public bool IsTransient { get; }

    /// <summary>The server's <c>Retry-After</c>, when it gave one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The <c>issue.code</c> values of the OperationOutcome the server answered with (codes only).</summary>
    public IReadOnlyList<string> IssueCodes { get; } = [];

    /// <summary>The OAuth <c>error</c> code of a refused token request, when it is one RFC 6749 defines.</summary>
    public string? OAuthError { get; }
}
