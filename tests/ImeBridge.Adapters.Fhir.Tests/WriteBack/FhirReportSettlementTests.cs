using System.Collections.Concurrent;
using System.Text.Json;
using ImeBridge.Adapters.Fhir.Server;
using ImeBridge.Adapters.Fhir.WriteBack;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Model;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Ports;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ImeBridge.Adapters.Fhir.Tests.WriteBack;

/// <summary>
/// What the FHIR write-back of an approved report tells report delivery: the DocumentReference written is the
/// referrer's receipt; refused for good, or still failing on the last attempt of the retry schedule, it is a failed
/// settlement (so the referrer is escalated); a transient failure with retries left says nothing yet.
/// </summary>
public sealed class FhirReportSettlementTests : IDisposable
{
    private const string Partner = "acme";
    private const string ReferralId = "ref-7731";
    private static readonly string Sha256 = new('a', 64);

    private readonly WireMockServer mock = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly CapturingLoggerProvider logs = new();
    private readonly RecordingQueue queue = new();
    private readonly ServiceProvider services;

    public FhirReportSettlementTests()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddSingleton(TimeProvider.System);
        collection.AddImeBridgeFhirServerClients();
        collection.Configure<FhirServerClientsOptions>(o => o.Servers[Partner] = new FhirServerOptions
        {
            BaseUrl = new Uri($"{mock.Url}/r4/"),
            Timeout = TimeSpan.FromSeconds(10),
            MaxAttempts = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryAfter = TimeSpan.FromSeconds(5),
        });
        services = collection.BuildServiceProvider();
        mock.Given(Request.Create().WithPath("/r4/Task").UsingPut()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/fhir+json").WithBody(r => r.Body ?? "{}"));
    }

    private static string ReferrerId => ReportDeliveryIds.For(ReferralId, Sha256, ReportRecipientRoles.Referrer);

    [Fact]
    public async Task A_written_DocumentReference_settles_the_referrer_as_delivered_even_when_the_Task_then_fails()
    {
        AnswerDocumentReference(201);
        mock.Given(Request.Create().WithPath("/r4/Task").UsingPut()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/fhir+json").WithBody(Outcome("invalid")));

        await Assert.ThrowsAsync<OutboundDeliveryException>(() => Handler().HandleAsync(Message(Update(), deliveryCount: 1), CancellationToken.None));

        var (id, settled) = Assert.Single(queue.Settlements);
        Assert.Equal($"{DeliverySettled.MessageType}:{ReferrerId}", id);
        Assert.Equal(ReferrerId, settled.MessageId);
        Assert.Equal(OutboundStatuses.Delivered, settled.Outcome);
        Assert.Equal("DocumentReference/dr-1", settled.ProviderId);
    }

    [Fact]
    public async Task A_DocumentReference_refused_with_422_settles_the_referrer_as_failed_at_once()
    {
        AnswerDocumentReference(422);

        var failure = await Assert.ThrowsAsync<OutboundDeliveryException>(() => Handler().HandleAsync(Message(Update(), deliveryCount: 1), CancellationToken.None));

        Assert.False(failure.IsTransient);
        var (id, settled) = Assert.Single(queue.Settlements);
        Assert.Equal($"{DeliverySettled.MessageType}:{ReferrerId}:failed", id);
        Assert.Equal(OutboundStatuses.Failed, settled.Outcome);
        Assert.Equal(OutboundChannels.Fhir, settled.Channel);
        Assert.Equal(ReportDeliveryIds.Purpose, settled.Purpose);
        Assert.Equal("DocumentReference refused (HTTP 422)", settled.Detail);
        Assert.DoesNotContain(mock.LogEntries, e => e.RequestMessage!.Path == "/r4/Task");
    }

    [Fact]
    public async Task A_503_with_retries_left_says_nothing_yet_and_on_the_last_attempt_settles_the_referrer_as_failed()
    {
        AnswerDocumentReference(503);

        var early = await Assert.ThrowsAsync<OutboundDeliveryException>(() => Handler().HandleAsync(Message(Update(), deliveryCount: 1), CancellationToken.None));
        Assert.True(early.IsTransient);
        Assert.Empty(queue.Settlements);

        var last = await Assert.ThrowsAsync<OutboundDeliveryException>(() => Handler().HandleAsync(Message(Update(), deliveryCount: OutboundRetrySchedule.MaxAttempts), CancellationToken.None));

        Assert.True(last.IsTransient);
        Assert.Null(OutboundRetrySchedule.After(OutboundRetrySchedule.MaxAttempts, last.RetryAfter));
        var (_, settled) = Assert.Single(queue.Settlements);
        Assert.Equal(ReferrerId, settled.MessageId);
        Assert.Equal(OutboundStatuses.Failed, settled.Outcome);
        Assert.Equal($"DocumentReference not written after {OutboundRetrySchedule.MaxAttempts} attempts (HTTP 503)", settled.Detail);
    }

    [Fact]
    public async Task An_operators_later_attempt_is_settled_under_its_own_delivery_id()
    {
        AnswerDocumentReference(422);
        var attemptId = ReportDeliveryIds.Attempt(ReferrerId, "request:op-1");

        await Assert.ThrowsAsync<OutboundDeliveryException>(() => Handler().HandleAsync(Message(Update(attemptId), deliveryCount: 1), CancellationToken.None));

        var (id, settled) = Assert.Single(queue.Settlements);
        Assert.Equal($"{DeliverySettled.MessageType}:{attemptId}:failed", id);
        Assert.Equal(attemptId, settled.MessageId);
    }

    [Fact]
    public async Task A_Task_update_without_a_report_settles_nothing()
    {
        AnswerDocumentReference(422);

        await Handler().HandleAsync(Message(Update() with { Status = "Scheduled", ReportSha256 = null }, deliveryCount: 1), CancellationToken.None);

        Assert.Empty(queue.Settlements);
    }

    public void Dispose()
    {
        services.Dispose();
        mock.Stop();
        mock.Dispose();
    }

    private FhirTaskUpdateHandler Handler() =>
        new(services.GetRequiredService<FhirServerClients>(), new OneReport(), services.GetRequiredService<ILogger<FhirTaskUpdateHandler>>(), queue, TimeProvider.System);

    private void AnswerDocumentReference(int status)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/fhir+json");
        response = status == 201
            ? response.WithHeader("Location", $"{mock.Url}/r4/DocumentReference/dr-1/_history/1")
            : response.WithBody(Outcome(status == 422 ? "invariant" : "transient"));
        mock.Given(Request.Create().WithPath("/r4/DocumentReference").UsingPost()).RespondWith(response);
    }

    private FhirTaskUpdate Update(string? deliveryId = null) =>
        new(Partner, ReferralId, "ReportApproved", TimeProvider.System.GetUtcNow(), new FhirServiceRequestRef($"{mock.Url}/r4/ServiceRequest/sr1", null, null, null), [], Sha256, deliveryId);

    private static ReceivedMessage Message(FhirTaskUpdate update, int deliveryCount) =>
        new(1, $"{FhirTaskUpdate.MessageType}:evt-1", FhirTaskUpdate.MessageType, ReferralId, JsonSerializer.SerializeToUtf8Bytes(update, MessageJson.Options), deliveryCount, TimeProvider.System.GetUtcNow(), "lock-1");

    private static string Outcome(string code) =>
        $$"""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"{{code}}","diagnostics":"DocumentReference.subject is required"}]}""";

    private sealed class OneReport : IDocumentStore
    {
        public Task<DocumentRef> PutAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<DocumentRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken) =>
            Task.FromResult<Stream?>(sha256 == Sha256 ? new MemoryStream("%PDF-1.7 report"u8.ToArray()) : null);
    }

    private sealed class RecordingQueue : IMessageQueue
    {
        private readonly ConcurrentQueue<QueueMessage> sent = new();

        public IReadOnlyList<(string Id, DeliverySettled Settled)> Settlements =>
            [.. sent.Where(m => m.Type == DeliverySettled.MessageType).Select(m => (m.MessageId, JsonSerializer.Deserialize<DeliverySettled>(m.Body.Span, MessageJson.Options)!))];

        public Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
        {
            foreach (var message in messages)
            {
                sent.Enqueue(message);
            }

            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task AbandonAsync(ReceivedMessage message, string error, TimeSpan retryAfter, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<DeadLetteredMessage>> PeekDeadLettersAsync(int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> ReplayDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
