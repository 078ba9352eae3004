namespace ImeBridge.Adapters.Email.SendGrid;

/// <summary>How the HTTP endpoint answers SendGrid Inbound Parse.</summary>
public enum SendGridParseStatus
{
    /// <summary>200: the email is kept and queued (also for a repeat of the same message).</summary>
    Accepted,

    /// <summary>401: the secret is missing or wrong.</summary>
    Unauthorized,

    /// <summary>400: no raw message in the post; <see cref="SendGridParseOutcome.Problem"/> says how to configure SendGrid.</summary>
    MissingRawMessage,

    /// <summary>404: <c>inboundEmail.secret</c> is not configured, so the endpoint is off.</summary>
    NotConfigured,
}

/// <param name="EmailId"><c>email:{sha256}</c> when accepted.</param>
/// <param name="Problem">A sentence for the response body when not accepted; never quotes the request.</param>
public sealed record SendGridParseOutcome(SendGridParseStatus Status, string? EmailId = null, string? Problem = null);
