using System.Globalization;
using Hl7.Fhir.Model;
using ImeBridge.Adapters.Fhir.Intake;
using ImeBridge.Adapters.Fhir.Partners;
using ImeBridge.Adapters.Fhir.Server;
using ImeBridge.Core.Leases;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Fhir.Polling;

/// <summary>
/// One poll of one partner's FHIR server: <c>GET ServiceRequest?_lastUpdated=gt{watermark - overlap}&amp;_sort=_lastUpdated</c>,
/// page by page along the <c>next</c> links. Each page is taken in (references read from the server as needed) and
/// then the watermark is stored, so a poll that dies re-reads at most one page, and what it re-reads is recognised.
/// One poll per partner at a time across instances (lease <c>fhir-poll:{partner}</c>).
/// </summary>
public sealed class FhirPoller(
    FhirServerClients servers,
    FhirReferralIntake intake,
    IPartnerDirectory partners,
    ICheckpointStore checkpoints,
    ILeaseStore leases,
    IOptions<FhirOptions> options,
    TimeProvider time,
    ILogger<FhirPoller> logger)
{
    private readonly string owner = ProcessLeaseOwner.NewOwner();

    public static string CheckpointKey(string partnerId) => "fhir-poll:" + partnerId;

    /// <summary>Polls <paramref name="partnerId"/> now, with its polling settings or the defaults when it has none (a subscription ping).</summary>
    public async Task<FhirPollSummary> PollAsync(string partnerId, CancellationToken cancellationToken)
    {
        var settings = options.Value.For(partnerId);
        var server = servers.For(partnerId);
        var partner = partners.Find(partnerId);
        if (settings is null || server is null || partner is null)
        {
            throw new InvalidOperationException($"partner '{partnerId}' has no FHIR server configured");
        }

        var lease = CheckpointKey(partnerId);
        if (!await leases.TryAcquireAsync(lease, owner, options.Value.LeaseDuration, ProcessLeaseOwner.IsGone, cancellationToken))
        {
            return new FhirPollSummary(partnerId, Skipped: true, 0, 0, 0, 0, 0, null);
        }

        try
        {
            return await PollPagesAsync(partner, server, settings.Polling ?? new FhirPollingOptions(), cancellationToken);
        }
        finally
        {
            await leases.ReleaseAsync(lease, owner, CancellationToken.None);
        }
    }

    private async Task<FhirPollSummary> PollPagesAsync(Partner partner, FhirServerClient server, FhirPollingOptions polling, CancellationToken cancellationToken)
    {
        var key = CheckpointKey(partner.Id);
        var stored = await StoredWatermarkAsync(key, cancellationToken);
        var watermark = stored ?? polling.Since ?? time.GetUtcNow();
        if (stored is null)
        {
            // The first poll stores where it starts, so later polls depend neither on Since nor on the clock.
            await checkpoints.SetAsync(key, watermark.ToString("o", CultureInfo.InvariantCulture), cancellationToken);
        }

        var (pages, found, accepted, duplicates, refused) = (0, 0, 0, 0, 0);
        try
        {
            await foreach (var page in server.SearchAsync("ServiceRequest", Query(polling, watermark), polling.MaxPages, cancellationToken))
            {
                pages++;
                var newest = NewestLastUpdated(page);
                if (page.Entry.Any(FhirReferralReader.IsReferralEntry))
                {
                    var report = await intake.TakeAsync(partner, page, FhirIntakeOrigin.Polled, cancellationToken);
                    (found, accepted, duplicates, refused) = (found + report.Items.Count, accepted + report.Accepted, duplicates + report.Duplicates, refused + report.Refused);
                }

                if (newest > watermark)
                {
                    watermark = newest.Value;
                    await checkpoints.SetAsync(key, watermark.ToString("o", CultureInfo.InvariantCulture), cancellationToken);
                }
            }
        }
        catch (FhirServerException ex)
        {
            logger.LogWarning("FHIR poll of partner {PartnerId} stopped after {Pages} pages: {Failure}", partner.Id, pages, ex.Message);
            return new FhirPollSummary(partner.Id, false, pages, found, accepted, duplicates, refused, watermark, ex.Message);
        }

        logger.LogInformation(
            "FHIR poll of partner {PartnerId}: {Pages} pages, {ServiceRequests} ServiceRequests, {Accepted} accepted, {Duplicates} duplicates, {Refused} refused",
            partner.Id,
            pages,
            found,
            accepted,
            duplicates,
            refused);
        return new FhirPollSummary(partner.Id, false, pages, found, accepted, duplicates, refused, watermark);
    }

    private async Task<DateTimeOffset?> StoredWatermarkAsync(string key, CancellationToken cancellationToken) =>
        await checkpoints.GetAsync(key, cancellationToken) is { } stored
        && DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : null;

    private static List<KeyValuePair<string, string>> Query(FhirPollingOptions polling, DateTimeOffset watermark)
    {
        var since = watermark - polling.Overlap;
        var query = new List<KeyValuePair<string, string>>
        {
            new("_lastUpdated", "gt" + since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            new("_sort", "_lastUpdated"),
            new("_count", polling.PageSize.ToString(CultureInfo.InvariantCulture)),
        };
        query.AddRange(polling.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal));
        return query;
    }

    private static DateTimeOffset? NewestLastUpdated(Bundle page) =>
        page.Entry
            .Where(FhirReferralReader.IsReferralEntry)
            .Select(e => e.Resource!.Meta?.LastUpdated)
            .Where(d => d is not null)
            .Max();
}
