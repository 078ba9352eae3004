using System.Net.Http;
using System.Net.Sockets;
using ImeBridge.Core.Messaging;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>What a failed send to the external bus says about the messages sent.</summary>
internal enum OutboxSendFailureKind
{
    /// <summary>The bus or the way to it is unwell (network, timeout, busy): retry the same messages later, as they are.</summary>
    Transient,

    /// <summary>The bus said this message will never be accepted (<see cref="MessageRefusedException"/>).</summary>
    Refused,

    /// <summary>
    /// Not known to be transient and not known to be this message's fault (an argument or state error, an error the bus
    /// did not mark transient). Set a message aside for it only when it repeats while the bus accepts other messages.
    /// </summary>
    Suspect,
}

/// <param name="ReasonCode">For operators: the bus's code, or the exception's type name; never its message text.</param>
internal readonly record struct OutboxSendFailure(OutboxSendFailureKind Kind, string ReasonCode);

/// <summary>
/// Tells a transient bus failure from one that is about a message, from the exception alone, so the relay can retry
/// the first and isolate the second. Kept free of any bus SDK: a bus adapter translates its own "never" into
/// <see cref="MessageRefusedException"/>.
/// </summary>
internal static class OutboxSendFailures
{
    public static OutboxSendFailure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            return Classify(aggregate.InnerExceptions[0]);
        }

        var code = exception.GetType().Name;
        return exception switch
        {
            MessageRefusedException refused => new(OutboxSendFailureKind.Refused, refused.ReasonCode),
            TimeoutException or IOException or SocketException or HttpRequestException or OperationCanceledException
                => new(OutboxSendFailureKind.Transient, code),
            _ when SaysTransient(exception) => new(OutboxSendFailureKind.Transient, code),

            // A disposed client (the host is stopping) is no fault of any message.
            ObjectDisposedException => new(OutboxSendFailureKind.Transient, code),
            _ when exception.InnerException is { } inner && Classify(inner).Kind == OutboxSendFailureKind.Transient
                => new(OutboxSendFailureKind.Transient, code),
            _ => new(OutboxSendFailureKind.Suspect, code),
        };
    }

    /// <summary>
    /// An exception that says it is transient through a public <c>bool IsTransient</c>, the convention of
    /// <c>DbException</c> and of bus SDKs (Service Bus's <c>ServiceBusException</c>), read without referencing them.
    /// </summary>
    private static bool SaysTransient(Exception exception) =>
        exception.GetType().GetProperty("IsTransient", typeof(bool))?.GetValue(exception) is true;
}
