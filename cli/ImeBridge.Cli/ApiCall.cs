using System.Net;

namespace ImeBridge.Cli;

/// <summary>The parts of an HTTP answer the client commands print.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, string? ReasonPhrase, string? Location, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and <= 299;
}

/// <summary>Sends one request to the bridge; an unreachable server or a time-out is a usage error (exit 2).</summary>
internal static class ApiCall
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<ApiAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ApiAnswer(response.StatusCode, response.ReasonPhrase, response.Headers.Location?.ToString(), body);
        }
        catch (HttpRequestException unreachable)
        {
            throw new UsageException(
                $"cannot reach {request.RequestUri?.GetLeftPart(UriPartial.Authority)} ({unreachable.Message.TrimEnd('.')}). Is `imebridge serve` running there (see --url)?",
                unreachable);
        }
        catch (TaskCanceledException timedOut) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UsageException(
                $"{request.RequestUri?.GetLeftPart(UriPartial.Authority)} did not answer within {Timeout.TotalSeconds:0} seconds.",
                timedOut);
        }
    }
}
