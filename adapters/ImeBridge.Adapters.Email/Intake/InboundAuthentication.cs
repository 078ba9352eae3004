using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Email.Intake;

/// <summary>
/// What the receiving side reported about the sender's authenticity: SendGrid's <c>SPF</c> and <c>dkim</c> fields, or
/// <see cref="NotChecked"/> for a mailbox read over IMAP. A reported SPF <c>fail</c>/<c>softfail</c> or DKIM
/// <c>fail</c> sends the message to triage, never straight into the workflow.
/// </summary>
public sealed partial record InboundAuthentication(AuthenticationResult Spf, AuthenticationResult Dkim)
{
    public static InboundAuthentication NotChecked { get; } = new(AuthenticationResult.NotChecked, AuthenticationResult.NotChecked);

    /// <summary>Reads SendGrid Inbound Parse's fields: <c>SPF</c> ("pass", "softfail", …) and <c>dkim</c> ("{@acme.com : pass}", several comma-separated).</summary>
    public static InboundAuthentication FromSendGrid(string? spf, string? dkim) => new(ParseSpf(spf), ParseDkim(dkim));

    /// <summary>Why the message cannot be trusted as coming from its sender; empty when nothing failed.</summary>
    public IReadOnlyList<FieldError> Failures()
    {
        var failures = new List<FieldError>();
        if (Spf is AuthenticationResult.Fail or AuthenticationResult.SoftFail)
        {
            failures.Add(new FieldError("source", $"the receiving server reported SPF {Word(Spf)} for the sender: the message may not come from the partner"));
        }

        if (Dkim == AuthenticationResult.Fail)
        {
            failures.Add(new FieldError("source", "the receiving server reported a failed DKIM signature: the message may have been altered or forged"));
        }

        return failures;
    }

    private static AuthenticationResult ParseSpf(string? spf)
    {
        if (string.IsNullOrWhiteSpace(spf))
        {
            return AuthenticationResult.NotChecked;
        }

        var word = spf.Trim().Split([' ', '(', ';'], 2)[0];
        return Parse(word);
    }

    /// <summary>Any failing signature fails; otherwise any passing one passes.</summary>
    private static AuthenticationResult ParseDkim(string? dkim)
    {
        if (string.IsNullOrWhiteSpace(dkim))
        {
            return AuthenticationResult.NotChecked;
        }

        var results = DkimResult().Matches(dkim).Select(m => Parse(m.Groups["result"].Value)).ToList();
        if (results.Count == 0)
        {
            return Parse(dkim.Trim().Trim('{', '}').Trim());
        }

        return results.Contains(AuthenticationResult.Fail) ? AuthenticationResult.Fail
            : results.Contains(AuthenticationResult.Pass) ? AuthenticationResult.Pass
            : results[0];
    }

    private static AuthenticationResult Parse(string word) => word.ToUpperInvariant() switch
    {
        "PASS" => AuthenticationResult.Pass,
        "FAIL" or "HARDFAIL" => AuthenticationResult.Fail,
        "SOFTFAIL" => AuthenticationResult.SoftFail,
        "NEUTRAL" => AuthenticationResult.Neutral,
        "NONE" or "" => AuthenticationResult.None,
        "TEMPERROR" => AuthenticationResult.TempError,
        "PERMERROR" => AuthenticationResult.PermError,
        _ => AuthenticationResult.None,
    };

    private static string Word(AuthenticationResult result) => result == AuthenticationResult.SoftFail ? "softfail" : "fail";

    [GeneratedRegex(@":\s*(?<result>[A-Za-z]+)")]
    private static partial Regex DkimResult();
}

[JsonConverter(typeof(JsonStringEnumConverter<AuthenticationResult>))]
public enum AuthenticationResult
{
    /// <summary>Nobody checked (IMAP), or the field was absent.</summary>
    NotChecked,
    Pass,
    Fail,
    SoftFail,
    Neutral,
    None,
    TempError,
    PermError,
}
