using System.Net.Http.Headers;
using System.Net.Sockets;
using ImeBridge.Adapters.Http;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SendGrid;

namespace ImeBridge.Adapters.SendGrid;

/// <summary>
/// <see cref="IEmailSender"/> over SendGrid's v3 mail/send, through the outbound resilience pipeline with
/// <see cref="OutboundHttpPolicy.RetryWhenMaybeReceived"/> off: only answers that say SendGrid did not take the message
/// (429) and connections never made are tried again within the call, so one call never makes two emails. Returns
/// SendGrid's <c>X-Message-Id</c>. Failures are <see cref="EmailSendException"/>s that name the status only.
/// </summary>
public sealed class SendGridEmailSender(IHttpClientFactory httpClients, IOptions<SendGridOptions> options, TimeProvider time) : IEmailSender
{
    public const string HttpClientName = "sendgrid";

    /// <summary>The policy of the <see cref="HttpClientName"/> client unless a host gives another.</summary>
    public static OutboundHttpPolicy DefaultHttpPolicy() => new()
    {
        RetryWhenMaybeReceived = false,
        AttemptTimeout = TimeSpan.FromSeconds(30),
        MaxAttempts = 3,
    };

    public async Task<EmailSendResult> SendAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrEmpty(email.MessageId);
        var settings = options.Value;
        var client = new SendGridClient(
            httpClients.CreateClient(HttpClientName),
            new SendGridClientOptions { ApiKey = settings.ApiKey, Host = settings.ApiBaseUrl.TrimEnd('/') });
        var message = SendGridMessageFactory.Create(email, settings);

        Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException ex)
        {
            throw new EmailSendException("SendGrid's circuit is open after repeated failures: the email was not sent.", notSent: true, isTransient: true, innerException: ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new EmailSendException("SendGrid did not answer in time: the email may or may not have been accepted.", notSent: false, isTransient: true, innerException: ex);
        }
        catch (HttpRequestException ex) when (NeverReachedSendGrid(ex))
        {
            throw new EmailSendException("SendGrid could not be reached: the email was not sent.", notSent: true, isTransient: true, innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new EmailSendException("The connection to SendGrid failed after the request left: the email may or may not have been accepted.", notSent: false, isTransient: true, innerException: ex);
        }

        using (response.Body)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new EmailSendResult(Sent: true, ProviderIdOf(response.Headers));
            }

            throw status switch
            {
                429 => new EmailSendException("SendGrid answered 429 (too many requests): the email was not sent.", notSent: true, isTransient: true, status, RetryAfterOf(response.Headers)),
                408 => new EmailSendException("SendGrid answered 408: the email was not sent.", notSent: true, isTransient: true, status, RetryAfterOf(response.Headers)),
                < 500 => new EmailSendException($"SendGrid refused the email with {status}: it was not sent and will not be accepted as it is.", notSent: true, isTransient: false, status),
                _ => new EmailSendException($"SendGrid answered {status}: the email may or may not have been accepted.", notSent: false, isTransient: true, status, RetryAfterOf(response.Headers)),
            };
        }
    }

    private static string ProviderIdOf(HttpResponseHeaders headers) =>
        headers.TryGetValues("X-Message-Id", out var values) && values.FirstOrDefault() is { Length: > 0 } id ? id : string.Empty;

    private TimeSpan? RetryAfterOf(HttpResponseHeaders headers)
    {
        if (headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - (headers.Date ?? time.GetUtcNow()) : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static bool NeverReachedSendGrid(HttpRequestException ex) =>
        ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable };
}
