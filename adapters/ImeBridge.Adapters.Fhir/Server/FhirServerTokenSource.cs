using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// One partner's access token: requested with client credentials, kept until <c>expires_in</c> minus a minute (by the
/// business clock), refreshed by one caller at a time while the others wait for it. Never logged.
/// </summary>
internal sealed class FhirServerTokenSource(
    string partnerId,
    FhirServerAuthOptions auth,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    ILogger logger) : IDisposable
{
    private const int MaxAnswerBytes = 64 * 1024;
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private volatile CachedToken? current;

    public async ValueTask<string> GetAsync(CancellationToken ct)
    {
        if (Usable(current) is { } cached)
        {
            return cached;
        }

        await refreshing.WaitAsync(ct);
        try
        {
            if (Usable(current) is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }

            var obtained = await RequestAsync(ct);
            current = obtained;
            return obtained.Value;
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> (after a 401), unless a newer token already replaced it.</summary>
    public void Invalidate(string rejected)
    {
        var snapshot = current;
        if (snapshot is not null && string.Equals(snapshot.Value, rejected, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref current, null, snapshot);
        }
    }

    public void Dispose() => refreshing.Dispose();

    private string? Usable(CachedToken? token) => token is not null && clock.GetUtcNow() < token.RefreshAt ? token.Value : null;

    private async Task<CachedToken> RequestAsync(CancellationToken ct)
    {
        var call = new FhirServerCall(partnerId, "POST", FhirServerCall.TokenResourceType);
        using var request = FhirServerTokenRequest.Create(auth, clock.GetUtcNow(), call);
        FhirServerTransport.Describe(request, call, retryable: true);

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(FhirServerTransport.TokenClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception e) when (FhirServerFailures.IsNoAnswer(e, ct))
        {
            throw FhirServerFailures.NoAnswer(call, e, FhirServerTransport.Attempts(request));
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await FhirServerBody.ReadAsync(response.Content, MaxAnswerBytes, ct);
            if (status is 400 or 401)
            {
                var error = FhirServerTokenResponse.ErrorCode(body);
                throw new FhirServerException(
                    $"{call}: HTTP {status}, the token endpoint refused the client credentials (error {error ?? "not given"})",
                    status,
                    isTransient: false,
                    oauthError: error);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw FhirServerFailures.FromAnswer(call, response, null, FhirServerTransport.Attempts(request));
            }

            var token = body is null ? null : FhirServerTokenResponse.Parse(body);
            if (token is not { } issued)
            {
                throw FhirServerFailures.Refused(call, "the token endpoint answered without a bearer access token", status);
            }

            var lifetime = issued.ExpiresIn ?? AssumedLifetime;
            var keep = lifetime > RefreshMargin ? lifetime - RefreshMargin : TimeSpan.Zero;
            logger.LogInformation(
                "FHIR partner {PartnerId}: access token obtained, valid {LifetimeSeconds} s, kept {KeptSeconds} s",
                partnerId, (long)lifetime.TotalSeconds, (long)keep.TotalSeconds);
            return new CachedToken(issued.AccessToken, clock.GetUtcNow() + keep);
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
}
