using System.Net.Http.Headers;
using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// Reads attachment content. A FHIR JSON answer holding a Binary gives the Binary's data and content type (its body may
/// be a third larger than the limit, for base64); any other answer gives its raw bytes and Content-Type.
/// </summary>
internal static class FhirServerContentReader
{
    private const long JsonOverheadBytes = 64 * 1024;

    public static async Task<FhirServerContent?> ReadAsync(FhirServerExchange exchange, Uri url, FhirServerCall call, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        using var response = await exchange.SendAsync(request, call, ct);
        var status = (int)response.StatusCode;
        if (status is 404 or 410)
        {
            return null;
        }

        await exchange.ThrowIfFailedAsync(request, response, call, ct);
        var max = exchange.Options.MaxContentBytes;
        var contentType = response.Content.Headers.ContentType;
        if (!FhirServerJson.IsFhirJson(contentType?.MediaType))
        {
            var raw = await exchange.ReadBodyAsync(response, call, max, ct) ?? throw FhirServerExchange.TooLarge(call, status);
            return new FhirServerContent(raw, contentType?.ToString(), url);
        }

        var body = await exchange.ReadBodyAsync(response, call, (max / 3 * 4) + 4 + JsonOverheadBytes, ct)
            ?? throw FhirServerExchange.TooLarge(call, status);
        if (FhirServerJson.TryDeserialize(body) is Binary binary)
        {
            var data = binary.Data ?? throw FhirServerFailures.Refused(call, "answered with a Binary without data", status);
            return data.LongLength <= max ? new FhirServerContent(data, binary.ContentType, url) : throw FhirServerExchange.TooLarge(call, status);
        }

        return body.LongLength <= max ? new FhirServerContent(body, contentType?.ToString(), url) : throw FhirServerExchange.TooLarge(call, status);
    }
}
