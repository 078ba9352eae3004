using ImeBridge.Core.Outbound;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace ImeBridge.Adapters.Twilio;

/// <summary>
/// Sends SMS through Twilio's Messages API with the Twilio SDK, over the named <see cref="HttpClientName"/> client of
/// <see cref="IHttpClientFactory"/> (the outbound resilience pipeline, which never re-sends a request Twilio may have
/// acted on). Failures become <see cref="SmsSendException"/> as <see cref="TwilioFailures"/> explains. When the caller
/// gives no status callback, Twilio reports to <c>{publicBaseUrl}/api/twilio/status</c>.
/// </summary>
public sealed class TwilioSmsSender : ISmsSender
{
    public const string HttpClientName = "twilio";

    public const string StatusCallbackPath = "/api/twilio/status";

    private readonly IHttpClientFactory httpClients;
    private readonly TwilioOptions options;

    public TwilioSmsSender(IHttpClientFactory httpClients, IOptions<TwilioOptions> options)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        this.httpClients = httpClients;
        this.options = options.Value;
    }

    public async Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        cancellationToken.ThrowIfCancellationRequested();
        // One transport per call: its LastResponse (the Retry-After of a 429) belongs to this call only.
        var transport = new SystemNetHttpClient(httpClients.CreateClient(HttpClientName));
        var client = new TwilioRestClient(options.AccountSid, options.AuthToken, httpClient: transport);
        var create = new CreateMessageOptions(new PhoneNumber(sms.To))
        {
            Body = sms.Body,
            StatusCallback = sms.StatusCallback ?? options.PublicUrl(StatusCallbackPath),
        };
        if (!string.IsNullOrWhiteSpace(options.MessagingServiceSid))
        {
            create.MessagingServiceSid = options.MessagingServiceSid;
        }
        else
        {
            create.From = new PhoneNumber(options.FromNumber);
        }

        try
        {
            var message = await MessageResource.CreateAsync(create, client).ConfigureAwait(false);
            if (message?.Sid is not { Length: > 0 } sid)
            {
                throw TwilioFailures.Unreadable();
            }

            return new SmsSendResult(Sent: true, sid, message.Status?.ToString() ?? "queued");
        }
        catch (ApiException refused)
        {
            throw TwilioFailures.FromAnswer(refused, transport.LastResponse);
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or NullReferenceException)
        {
            // A success status with a body that is not a message: Twilio took the request, the answer is lost.
            throw TwilioFailures.Unreadable();
        }
        catch (ApiConnectionException connection)
        {
            throw TwilioFailures.FromConnection(connection);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutException or Polly.ExecutionRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw TwilioFailures.FromConnection(ex);
        }
    }
}
