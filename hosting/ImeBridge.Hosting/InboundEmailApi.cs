using System.Text;
using ImeBridge.Adapters.Email.SendGrid;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ImeBridge.Hosting;

/// <summary>
/// <c>POST /api/email/inbound</c>: SendGrid Inbound Parse. Reads the multipart/form-data post itself so the raw MIME
/// message (the <c>email</c> field) keeps its exact bytes, then lets <see cref="SendGridInboundParse"/> check the
/// secret and keep the message. The secret comes from the URL SendGrid is given: basic-auth credentials
/// (<c>https://imebridge:SECRET@host/api/email/inbound</c>, any user name) or <c>?key=SECRET</c>.
/// Answers 200 once the message is durably kept, so SendGrid never retries a stored message.
/// </summary>
public sealed class InboundEmailApi(SendGridInboundParse parse)
{
    /// <summary>SendGrid posts messages of up to 30 MB.</summary>
    public const long MaxPostBytes = 40L * 1024 * 1024;

    private const int MaxFields = 64;

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxPostBytes)
        {
            return ProblemResults.PayloadTooLarge(MaxPostBytes);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return ProblemResults.UnsupportedMediaType("multipart/form-data", "SendGrid Inbound Parse posts multipart/form-data.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        ReadOnlyMemory<byte>? rawMime = null;
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = MaxPostBytes };
            long total = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    continue;
                }

                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer, cancellationToken);
                total += buffer.Length;
                if (total > MaxPostBytes)
                {
                    return ProblemResults.PayloadTooLarge(MaxPostBytes);
                }

                if (name == SendGridInboundParse.RawMessageField)
                {
                    rawMime = buffer.ToArray();
                }
                else if (!disposition.IsFileDisposition() && fields.Count < MaxFields)
                {
                    fields[name] = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return ProblemResults.BadRequestBody();
        }

        var outcome = await parse.AcceptAsync(SecretOf(request), fields, rawMime, cancellationToken);
        return outcome.Status switch
        {
            SendGridParseStatus.Accepted => TypedResults.Ok(new InboundEmailAccepted(outcome.EmailId!)),
            SendGridParseStatus.Unauthorized => ProblemResults.InboundSecretRejected(),
            SendGridParseStatus.MissingRawMessage => ProblemResults.InvalidInboundEmail(outcome.Problem!),
            _ => ProblemResults.InboundEmailNotConfigured(),
        };
    }

    private static string? SecretOf(HttpRequest request)
    {
        const string Basic = "Basic ";
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(Basic, StringComparison.OrdinalIgnoreCase))
        {
            var encoded = authorization[Basic.Length..].Trim();
            try
            {
                var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                var colon = credentials.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? credentials : credentials[(colon + 1)..];
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return request.Query["key"].FirstOrDefault();
    }
}

/// <param name="EmailId"><c>email:{sha256}</c>: the message as kept, the same for a repeat.</param>
public sealed record InboundEmailAccepted(string EmailId);
