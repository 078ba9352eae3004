using ImeBridge.Adapters.Twilio;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// The gate of every Twilio webhook: the form is read (bounded) only to check <c>X-Twilio-Signature</c> against
/// <c>twilio:publicBaseUrl</c> + the request path and query, and nothing in it is used before the check passes. A
/// missing or wrong signature is a 403 that explains nothing.
/// </summary>
public sealed class TwilioRequestVerifier(IOptions<TwilioOptions> options)
{
    /// <summary>Twilio's posts are a few hundred bytes; this leaves ample room.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private readonly TwilioOptions options = options.Value;

    /// <returns>The verified form, or the answer to give instead.</returns>
    public async Task<(IReadOnlyDictionary<string, string>? Form, IResult? Refusal)> ReadVerifiedFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(options.AuthToken) || string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            return (null, ProblemResults.NotFound("Twilio is not configured", "Set twilio:authToken and twilio:publicBaseUrl to receive Twilio webhooks."));
        }

        var signature = request.Headers[TwilioSignature.HeaderName].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            return (null, Forbidden());
        }

        var body = await BoundedBodyReader.ReadAsync(request.Body, MaxBodyBytes, request.ContentLength, cancellationToken);
        if (body is null)
        {
            return (null, ProblemResults.PayloadTooLarge(MaxBodyBytes));
        }

        var pairs = ParseForm(body);
        var url = options.PublicBaseUrl.TrimEnd('/') + request.Path.Value + request.QueryString.Value;
        if (!TwilioSignature.IsValid(options.AuthToken, url, pairs, signature))
        {
            return (null, Forbidden());
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            form.TryAdd(name, value);
        }

        return (form, null);
    }

    private static List<KeyValuePair<string, string>> ParseForm(byte[] body)
    {
        var parsed = QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
        return parsed.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();
    }

    private static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", type: "https://tools.ietf.org/html/rfc9110#section-15.5.4");
}
