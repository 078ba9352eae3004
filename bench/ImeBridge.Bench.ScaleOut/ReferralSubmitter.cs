using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ImeBridge.Adapters.Webhooks;
using ImeBridge.Bench.Workflow;

namespace ImeBridge.Bench.ScaleOut;

/// <summary>
/// Posts signed referrals round-robin to the serve processes' <c>POST /api/partners/{partnerId}/referrals</c>, a bounded
/// number at a time. A post that fails because its process is gone (connection refused or reset, no answer, a 5xx) is
/// sent again, to the next process, with the same <c>webhook-id</c>: whichever process stored it first, the repeat
/// answers 200 with the same referral id.
/// </summary>
internal sealed class ReferralSubmitter(IReadOnlyList<ServeProcess> targets, BenchReferrals referrals, string runId, int concurrency) : IDisposable
{
    private const int MaxAttempts = 40;

    private readonly StandardWebhookSigner signer = new(BenchPartner.WebhookSecret);
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private int completed;
    private int retried;
    private int repeats;

    /// <summary>Posts answered so far (accepted, a repeat, or refused for good).</summary>
    public int Completed => Volatile.Read(ref completed);

    public async Task<SubmitOutcome> SubmitAsync(int count)
    {
        var ids = new string?[count];
        var refusals = new List<string>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                try
                {
                    ids[i] = await SubmitOneAsync(i);
                }
                catch (InvalidOperationException refused)
                {
                    lock (refusals)
                    {
                        refusals.Add(refused.Message);
                    }
                }

                Interlocked.Increment(ref completed);
            }
        })));
        return new SubmitOutcome(ids, clock.Elapsed, retried, repeats, refusals);
    }

    private async Task<string> SubmitOneAsync(int index)
    {
        var body = referrals.Body(index);
        var webhookId = string.Create(CultureInfo.InvariantCulture, $"msg_scaleout_{runId}_{index:D6}");
        for (var attempt = 0; ; attempt++)
        {
            var target = targets[(index + attempt) % targets.Count];
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.BaseAddress, $"api/partners/{BenchPartner.Id}/referrals"));
                var headers = signer.CreateHeaders(webhookId, TimeProvider.System.GetUtcNow(), body);
                request.Headers.Add(StandardWebhookHeaderNames.Id, headers.Id);
                request.Headers.Add(StandardWebhookHeaderNames.Timestamp, headers.Timestamp);
                request.Headers.Add(StandardWebhookHeaderNames.Signature, headers.Signature);
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.SendAsync(request);
                if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                {
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref repeats);
                    }

                    await using var stream = await response.Content.ReadAsStreamAsync();
                    using var json = await JsonDocument.ParseAsync(stream);
                    return json.RootElement.GetProperty("referralId").GetString()!;
                }

                if ((int)response.StatusCode < 500 || attempt + 1 >= MaxAttempts)
                {
                    throw new InvalidOperationException($"referral {index}: {(int)response.StatusCode} from serve #{target.Index}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && attempt + 1 < MaxAttempts)
            {
                // The process died under the request, or is not listening (yet): the next one gets it.
            }

            Interlocked.Increment(ref retried);
            await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Min(attempt + 1, 10)));
        }
    }

    public void Dispose() => http.Dispose();
}

/// <param name="ReferralIds">The referral id each submit was answered with, by index; null where it was refused.</param>
/// <param name="Retried">Submits sent again after their process failed them.</param>
/// <param name="Repeats">Answers 200 (already received): a retry of a delivery some process had stored.</param>
internal sealed record SubmitOutcome(string?[] ReferralIds, TimeSpan Elapsed, int Retried, int Repeats, IReadOnlyList<string> Refusals);
