using System.Net.Http;
using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Messaging;

namespace ImeBridge.Adapters.Postgres.Tests.Outbox;

/// <summary>Which bus failures the relay retries as they are, which set a message aside, and which it must first see repeat.</summary>
public sealed class OutboxSendFailuresTests
{
    [Fact]
    public void A_refusal_named_by_the_bus_adapter_is_permanent_for_that_message_with_its_code()
    {
        Assert.Equal(new OutboxSendFailure(OutboxSendFailureKind.Refused, "MessageSizeExceeded"), OutboxSendFailures.Classify(new MessageRefusedException("MessageSizeExceeded", "too large")));
        Assert.Equal(OutboxSendFailureKind.Refused, OutboxSendFailures.Classify(new AggregateException(new MessageRefusedException("InvalidMessage", "x"))).Kind);
    }

    public static TheoryData<Exception> Transient => new()
    {
        new TimeoutException(),
        new IOException("reset"),
        new HttpRequestException("unreachable"),
        new System.Net.Sockets.SocketException(),
        new TaskCanceledException(),
        new ObjectDisposedException("sender"),
        new BusSaysTransientException(true),
        new InvalidOperationException("wrapped", new TimeoutException()),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public void Network_timeouts_and_errors_the_bus_marks_transient_are_retried_as_they_are(Exception failure) =>
        Assert.Equal(OutboxSendFailureKind.Transient, OutboxSendFailures.Classify(failure).Kind);

    [Fact]
    public void Other_errors_are_suspects_named_by_type_never_by_their_text()
    {
        Assert.Equal(new OutboxSendFailure(OutboxSendFailureKind.Suspect, nameof(ArgumentOutOfRangeException)), OutboxSendFailures.Classify(new ArgumentOutOfRangeException("MessageId", "secret text")));
        Assert.Equal(new OutboxSendFailure(OutboxSendFailureKind.Suspect, nameof(InvalidOperationException)), OutboxSendFailures.Classify(new InvalidOperationException("secret text")));
        Assert.Equal(new OutboxSendFailure(OutboxSendFailureKind.Suspect, nameof(BusSaysTransientException)), OutboxSendFailures.Classify(new BusSaysTransientException(false)));
    }

    /// <summary>Like a bus SDK's exception that says whether it is transient (Service Bus's <c>IsTransient</c>).</summary>
    private sealed class BusSaysTransientException(bool isTransient) : Exception("bus failure")
    {
        public bool IsTransient { get; } = isTransient;
    }
}
