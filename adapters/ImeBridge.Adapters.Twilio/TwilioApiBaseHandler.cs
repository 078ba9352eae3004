namespace ImeBridge.Adapters.Twilio;

/// <summary>
/// Sends the SDK's requests (always to https://api.twilio.com) to <see cref="TwilioOptions.ApiBaseUrl"/> instead:
/// scheme, host and port are replaced, path and query kept. With the default base it changes nothing.
/// </summary>
public sealed class TwilioApiBaseHandler(Uri apiBase) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { IsAbsoluteUri: true } target)
        {
            request.RequestUri = new UriBuilder(target) { Scheme = apiBase.Scheme, Host = apiBase.Host, Port = apiBase.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
