using Amqp.Framing;
using Amqp.Types;
using ImeBridge.Testing.ServiceBus.Entities;

namespace ImeBridge.Testing.ServiceBus.Protocol;

/// <summary>
/// Answers the <c>$management</c> requests the Service Bus client sends for a queue (or its dead-letter queue):
/// schedule and cancel, lock renewal, peek. Request and response shapes follow the Service Bus AMQP request/response
/// operations; anything else is answered 501 so that a missing feature is loud.
/// </summary>
internal static class ManagementOperations
{
    public static global::Amqp.Message Handle(QueueEntity queue, bool deadLetterQueue, global::Amqp.Message request)
    {
        var operation = request.ApplicationProperties?["operation"] as string;
        var body = request.Body as Map ?? [];
        try
        {
            return operation switch
            {
                "com.microsoft:schedule-message" => Ok(Schedule(queue, body)),
                "com.microsoft:cancel-scheduled-message" => Ok(Cancel(queue, body)),
                "com.microsoft:renew-session-lock" => Ok(new Map
                {
                    ["expiration"] = queue.RenewSessionLock((string)body["session-id"], request.ApplicationProperties?["associated-link-name"] as string).UtcDateTime,
                }),
                "com.microsoft:renew-lock" => Ok(new Map
                {
                    ["expirations"] = queue.RenewLocks((Guid[])body["lock-tokens"]).Select(at => at.UtcDateTime).ToArray(),
                }),
                "com.microsoft:peek-message" => Peek(queue, deadLetterQueue, body),
                _ => Status(501, "Not implemented by the in-process endpoint: " + operation, "amqp:not-implemented"),
            };
        }
        catch (EntityException ex)
        {
            var status = ex.Condition switch
            {
                EntityException.SessionLockLost or EntityException.MessageLockLost => 410,
                EntityException.NotFound => 404,
                EntityException.SessionCannotBeLocked => 409,
                _ => 400,
            };
            return Status(status, ex.Message, ex.Condition);
        }
    }

    private static Map Schedule(QueueEntity queue, Map body)
    {
        var numbers = new List<long>();
        foreach (var entry in ((IEnumerable<object>)body["messages"]).Cast<Map>())
        {
            var message = MessageWire.Decode((byte[])entry["message"]);
            numbers.Add(queue.Enqueue(message, SenderEndpoint.ScheduledFor(message)));
        }

        return new Map { ["sequence-numbers"] = numbers.ToArray() };
    }

    private static Map Cancel(QueueEntity queue, Map body)
    {
        foreach (var sequenceNumber in (long[])body["sequence-numbers"])
        {
            queue.CancelScheduled(sequenceNumber);
        }

        return [];
    }

    private static global::Amqp.Message Peek(QueueEntity queue, bool deadLetterQueue, Map body)
    {
        var from = Convert.ToInt64(body["from-sequence-number"], System.Globalization.CultureInfo.InvariantCulture);
        var count = Convert.ToInt32(body["message-count"], System.Globalization.CultureInfo.InvariantCulture);
        var peeked = queue.Peek(from, count, deadLetterQueue, body["session-id"] as string);
        if (peeked.Count == 0)
        {
            return Status(204, "No messages to peek.", null);
        }

        var list = new List();
        foreach (var message in peeked)
        {
            list.Add(new Map { ["message"] = MessageWire.Encode(message) });
        }

        return Ok(new Map { ["messages"] = list });
    }

    private static global::Amqp.Message Ok(Map body)
    {
        var response = new global::Amqp.Message(body) { ApplicationProperties = new ApplicationProperties() };
        response.ApplicationProperties["statusCode"] = 200;
        response.ApplicationProperties["statusDescription"] = "OK";
        return response;
    }

    private static global::Amqp.Message Status(int status, string description, string? condition)
    {
        var response = new global::Amqp.Message(new Map()) { ApplicationProperties = new ApplicationProperties() };
        response.ApplicationProperties["statusCode"] = status;
        response.ApplicationProperties["statusDescription"] = description;
        if (condition is not null)
        {
            response.ApplicationProperties["errorCondition"] = new Symbol(condition);
        }

        return response;
    }

    /// <summary>Every token is accepted: the endpoint checks no credentials, it listens on loopback for tests.</summary>
    public static global::Amqp.Message AcceptToken(global::Amqp.Message request)
    {
        var response = new global::Amqp.Message { ApplicationProperties = new ApplicationProperties() };
        response.ApplicationProperties["status-code"] = 202;
        response.ApplicationProperties["status-description"] = "Accepted";
        return response;
    }
}
